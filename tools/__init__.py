"""Tools of the book: screenshots of the built pages and the browser they share with the tests."""
