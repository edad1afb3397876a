/* The search page in a bilingual book (_ext/search_zh.py).
 *
 * A Chinese query has no spaces; the index holds the words jieba cut the pages into. splitQuery
 * cuts each run of Chinese characters into the longest words the index knows (forward maximum
 * matching), so 激活函数 or 梯度消失问题 find the pages that hold them. Result snippets are taken
 * from the page's article alone (not its navigation), without code cells and their outputs: one
 * from its Chinese prose and one from its English, each in a <span lang>, so that the language
 * toggle shows the reader's without searching again. Titles and the theme's messages are split
 * like the rest of the page (language.js).
 */
(function () {
  "use strict";
  var CJK_RUN = /[\u3400-\u9fff]+/g;
  var LONGEST = 8;

  function known(word) {
    var index = Search._index;
    return Boolean(index && (index.terms[word] !== undefined || index.titleterms[word] !== undefined));
  }

  function cut(run) {                       // forward maximum matching against the index
    var words = [];
    for (var i = 0; i < run.length;) {
      var j = Math.min(run.length, i + LONGEST);
      while (j > i + 1 && !known(run.slice(i, j))) j--;
      words.push(run.slice(i, j));
      i = j;
    }
    return words;
  }

  // Loaded before searchtools.js, which then keeps this splitQuery instead of defining its own.
  function latinSplit(query) {              // searchtools.js's default: on runs of non-letters
    return query.split(/[^\p{Letter}\p{Number}_\p{Emoji_Presentation}]+/gu).filter(Boolean);
  }
  window.splitQuery = function (query) {
    var words = [];
    latinSplit(query).forEach(function (term) {
      var rest = term.replace(CJK_RUN, function (run) { words = words.concat(cut(run)); return " "; });
      words = words.concat(latinSplit(rest));
    });
    return words;
  };

  var snippetLang = null;                   // the language makeSearchSummary is taking a snippet in
  function htmlToText(htmlString, anchor) {
    var doc = new DOMParser().parseFromString(htmlString, "text/html");
    var drop = [".headerlink", "script", "style", ".cell", ".bl-sep", ".prev-next-area", "nav", ".actx"];
    if (snippetLang === "zh") drop.push('[lang="en"]');
    if (snippetLang === "en") drop.push('[lang="zh"]');
    var article = doc.querySelector("article") || doc.querySelector('[role="main"]');
    if (!article) return "";
    drop.forEach(function (selector) {
      article.querySelectorAll(selector).forEach(function (el) { el.remove(); });
    });
    var block = anchor ? article.querySelector(anchor) : null;
    return (block || article).textContent.replace(/\s+/g, " ");
  }

  // The theme's messages on this page, in both languages; language.js splits them for display.
  Documentation.addTranslations({
    locale: "en",
    plural_expr: "n == 1 ? 0 : 1",
    messages: {
      "Search Results": "搜索结果 · Search Results",
      "Searching": "正在搜索 · Searching",
      "Preparing search...": "正在准备搜索…… · Preparing search...",
      "Search finished, found ${resultCount} page(s) matching the search query.":
        "搜索完成，找到 ${resultCount} 个相关页面 · Search finished, found ${resultCount} page(s) matching the search query.",
      "Your search did not match any documents. Please make sure that all words are spelled correctly and that you've selected enough categories.":
        "没有找到相关页面，请检查拼写 · Your search did not match any documents. Please make sure that all words are spelled correctly."
    }
  });
  // One snippet per language, each taken by searchtools.js's own makeSearchSummary.
  function bothSummaries(summary) {
    return function (htmlText, keywords, anchor) {
      var out = document.createElement("p");
      out.classList.add("context");
      ["zh", "en"].forEach(function (lang) {
        snippetLang = lang;
        var one = summary(htmlText, keywords, anchor);
        snippetLang = null;
        if (!one) return;
        var span = out.appendChild(document.createElement("span"));
        span.lang = lang;
        span.textContent = (lang === "en" && out.childElementCount > 1 ? " " : "") + one.textContent;
      });
      return out.childElementCount ? out : null;
    };
  }
  // searchtools.js fills in the count once (String.replace): the message holds it twice, in each language.
  function countInBoth(results) {
    var status = results.querySelector(".search-summary");
    var text = status ? status.textContent : "";
    if (text.indexOf("${resultCount}") < 0) return;
    status.textContent = text.split("${resultCount}").join((text.match(/\d+/) || ["0"])[0]);
  }
  document.addEventListener("DOMContentLoaded", function () {
    Search.htmlToText = htmlToText;
    Search.makeSearchSummary = bothSummaries(Search.makeSearchSummary);
    var results = document.getElementById("search-results") || document.body;
    new MutationObserver(function () {
      countInBoth(results);
      if (window.bookLanguage) window.bookLanguage.split(results);
    }).observe(results, { childList: true, subtree: true });
  });
})();
