/* The book's language toggle: 中文 / English / 双语 (both).
 *
 * Prose is written twice, in <div lang="zh"> and <div lang="en"> blocks; language.css hides the
 * blocks of the language not chosen, keyed on <html data-book-lang="zh|en|both">. This script
 * runs in <head>, so the attribute is set before the body is drawn: no flash of the wrong
 * language. The choice comes from ?lang=zh|en|both in the address, else the reader's last choice
 * (kept in localStorage, so it holds on every page and the next visit), else the browser's
 * preferred languages (Chinese first: zh; English first: en; neither: both).
 */
(function () {
  "use strict";
  var KEY = "activation-book-lang";
  var CHOICES = [
    { value: "zh", label: "中文", short: "中文", title: "只显示中文 · Chinese only" },
    { value: "en", label: "English", short: "EN", title: "只显示英文 · English only" },
    { value: "both", label: "双语", short: "双语", title: "中英对照 · both languages" }
  ];
  var root = document.documentElement;

  function isChoice(value) {
    return value === "zh" || value === "en" || value === "both";
  }

  function remembered() {
    try { return window.localStorage.getItem(KEY); } catch (e) { return null; }  // storage may be off
  }

  function remember(value) {
    try { window.localStorage.setItem(KEY, value); } catch (e) { /* the choice lasts this page */ }
  }

  function browserChoice() {
    var wanted = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ""];
    for (var i = 0; i < wanted.length; i++) {
      var tag = String(wanted[i]).toLowerCase();
      if (tag.indexOf("zh") === 0) return "zh";
      if (tag.indexOf("en") === 0) return "en";
    }
    return "both";
  }

  function initialChoice() {
    var asked = new URLSearchParams(window.location.search).get("lang");
    if (isChoice(asked)) {
      remember(asked);
      return asked;
    }
    var kept = remembered();
    return isChoice(kept) ? kept : browserChoice();
  }

  function apply(value) {
    root.setAttribute("data-book-lang", value);
    root.setAttribute("lang", value === "zh" ? "zh-CN" : "en");
    var buttons = document.querySelectorAll(".book-lang-toggle button");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute("aria-pressed", String(buttons[i].value === value));
    }
  }

  function buildToggle() {
    var group = document.createElement("div");
    group.className = "book-lang-toggle";
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "语言 · Language");
    CHOICES.forEach(function (choice) {
      var button = document.createElement("button");
      button.type = "button";
      button.value = choice.value;
      button.setAttribute("aria-label", choice.label);
      button.innerHTML = '<span class="book-lang-long"></span><span class="book-lang-short"></span>';
      button.firstChild.textContent = choice.label;
      button.lastChild.textContent = choice.short;
      button.title = choice.title;
      button.addEventListener("click", function () {
        remember(choice.value);
        apply(choice.value);
      });
      group.appendChild(button);
    });
    var header = document.querySelector(".article-header-buttons") || document.querySelector(".bd-header-article");
    if (header) {
      header.insertBefore(group, header.firstChild);
    } else {
      document.body.insertBefore(group, document.body.firstChild);
    }
    apply(root.getAttribute("data-book-lang"));
  }

  apply(initialChoice());
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", buildToggle);
  } else {
    buildToggle();
  }
})();
