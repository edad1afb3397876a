/* The book's language toggle: 中文 / English / 双语 (both).
 *
 * Prose is written twice, in <div lang="zh"> and <div lang="en"> blocks; headings and table headers
 * are split into <span lang> halves when the book is built (_ext/bilingual.py). language.css hides
 * whatever carries the language not chosen, keyed on <html data-book-lang="zh|en|both">.
 *
 * This script runs in <head>, so the attribute is set before the body is drawn: no flash of the
 * wrong language. The choice comes from ?lang=zh|en|both in the address (any case), else the
 * reader's last choice (kept in localStorage, so it holds on every page and the next visit), else
 * the browser's preferred languages (Chinese first: zh; English first: en; neither: both).
 *
 * What CSS cannot hide follows the choice here: the page title, image alt texts written
 * "中文 · English", attributes given as data-zh-<name> / data-en-<name> (the explorers' labels),
 * and the theme's own words (WORDS). Switching keeps the paragraph at the top of the window in place.
 */
(function () {
  "use strict";
  var KEY = "activation-book-lang";
  var SEPARATOR = " · ";
  var CHOICES = [
    { value: "zh", label: "中文", short: "中文", title: "只显示中文 · Chinese only" },
    { value: "en", label: "English", short: "EN", title: "只显示英文 · English only" },
    { value: "both", label: "双语", short: "双语", title: "中英对照 · both languages" }
  ];
  // The theme's words (visible text and the labels of its buttons) and their Chinese.
  var WORDS = {
    "Skip to main content": "跳到正文",
    "Back to top": "回到顶部",
    "Search": "搜索",
    "Search this book...": "搜索本书……",
    "Search Results": "搜索结果",
    "Contents": "目录",
    "previous": "上一页",
    "next": "下一页",
    "previous page": "上一页",
    "next page": "下一页",
    "Repository": "代码仓库",
    "Open issue": "报告问题",
    "Live Code": "在线运行代码",
    "By The actlib authors": "作者：actlib 的作者们",
    "© Copyright 2026.": "© 版权所有 2026",
    "Index": "索引",
    "Main": "章节",
    "Page": "本页",
    "Toggle primary sidebar": "显示或隐藏章节目录",
    "Toggle secondary sidebar": "显示或隐藏本页目录",
    "Launch interactive content": "启动交互环境",
    "Source repositories": "源代码仓库",
    "Download this page": "下载本页",
    "Download source file": "下载源文件",
    "Print to PDF": "打印为 PDF",
    "Fullscreen mode": "全屏",
    "light/dark": "浅色 / 深色",
    "Link to this heading": "本节链接",
    "Binder logo": "Binder 标志",
    "Colab logo": "Colab 标志",
    "Copy": "复制",
    "Copied!": "已复制！",
    "Version warning": "版本提示",
    "Show code cell source": "显示代码",
    "Hide code cell source": "隐藏代码",
    "Show code cell outputs": "显示输出",
    "Hide code cell outputs": "隐藏输出",
    "Show code cell content": "显示代码与输出",
    "Hide code cell content": "隐藏代码与输出"
  };
  var ATTRIBUTES = ["title", "aria-label", "placeholder", "alt", "data-bs-original-title"];
  var CJK = /[\u3400-\u9fff]/;
  var root = document.documentElement;
  var fullTitle = document.title;

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
    var asked = (new URLSearchParams(window.location.search).get("lang") || "").toLowerCase();
    if (isChoice(asked)) {
      remember(asked);
      return asked;
    }
    var kept = remembered();
    return isChoice(kept) ? kept : browserChoice();
  }

  // "中文 · English" in the chosen language: each " · "-joined pair is cut in two.
  function pick(text, value) {
    if (value === "both" || text.indexOf(SEPARATOR) < 0) return text;
    return text.split(" — ").map(function (part) {
      var cut = part.indexOf(SEPARATOR);
      if (cut < 0) return part;
      var left = part.slice(0, cut), right = part.slice(cut + SEPARATOR.length);
      if (!CJK.test(left) || CJK.test(right)) return part;   // not a Chinese · English pair
      var number = /^(?:[A-Z]|\d+)(?:\.\d+)*\s+/.exec(left);           // "2.1 ": both halves keep it
      return value === "zh" ? left : (number ? number[0] : "") + right;
    }).join(" — ");
  }

  // Attributes: data-zh-<name> / data-en-<name> pairs, "中文 · English" alt texts, the theme's words.
  function translateAttributes(value) {
    var all = document.querySelectorAll("*");
    for (var i = 0; i < all.length; i++) {
      var el = all[i];
      for (var k = 0; k < ATTRIBUTES.length; k++) {
        var name = ATTRIBUTES[k], zh = el.getAttribute("data-zh-" + name), en = el.getAttribute("data-en-" + name);
        if (zh !== null && en !== null) {
          el.setAttribute(name, value === "zh" ? zh : value === "en" ? en : zh + SEPARATOR + en);
          continue;
        }
        var original = el.getAttribute("data-book-" + name);
        if (original === null) {
          original = el.getAttribute(name);
          if (original === null || !(WORDS[original] || (name === "alt" && original.indexOf(SEPARATOR) > 0))) continue;
          el.setAttribute("data-book-" + name, original);
        }
        var chinese = WORDS[original];
        el.setAttribute(name, chinese ? (value === "zh" ? chinese : value === "en" ? original : chinese + SEPARATOR + original)
                                      : pick(original, value));
      }
    }
  }

  // The theme's visible words, and any text that is wholly "中文 · English" (a folded solution's
  // summary, a logo), become a pair of language spans. Code, math and the blocks already marked
  // with a language (the prose; headings and tables, split when the book was built) stay as they are.
  var LEAVE = "script, style, code, pre, kbd, svg, mjx-container, span[lang], div[lang], .bl-pair, .book-lang-toggle";
  function splitWords(scope) {
    var walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT), found = [], node;
    while ((node = walker.nextNode())) {
      var text = node.textContent.trim();
      if (!text || text.length > 200 || node.parentElement.closest(LEAVE)) continue;
      if (WORDS[text] || (text.indexOf(SEPARATOR) > 0 && CJK.test(text))) found.push(node);
    }
    found.forEach(function (textNode) {
      var text = textNode.textContent.trim(), zh, en;
      if (WORDS[text]) {
        zh = WORDS[text]; en = text;
      } else {
        zh = pick(text, "zh"); en = pick(text, "en");
        if (zh === en) return;
      }
      var pair = document.createElement("span");
      pair.className = "bl-pair";
      pair.innerHTML = '<span lang="zh"></span><span class="bl-sep" aria-hidden="true"> · </span><span lang="en"></span>';
      pair.firstChild.textContent = zh;
      pair.lastChild.textContent = en;
      textNode.parentNode.replaceChild(pair, textNode);
    });
  }

  // The block at the top of the window, and after the switch the block that now stands for it.
  function topBlock() {
    var header = document.querySelector(".bd-header-article");
    var below = header ? header.getBoundingClientRect().bottom : 0;
    var blocks = document.querySelectorAll("article div[lang], article h1, article h2, article h3, article p, article .cell");
    for (var i = 0; i < blocks.length; i++) {
      var r = blocks[i].getBoundingClientRect();
      if (r.height && r.bottom > below + 1) return { el: blocks[i], top: r.top };
    }
    return null;
  }

  function shown(el) {
    return el.getClientRects().length > 0;
  }

  // A hidden block's twin: the nearest sibling block in a language still shown (after it first).
  function standIn(el) {
    if (shown(el)) return el;
    var block = el.closest("div[lang]");
    if (!block) return el;
    for (var step = 0; step < 2; step++) {
      for (var s = step ? block.previousElementSibling : block.nextElementSibling; s;
           s = step ? s.previousElementSibling : s.nextElementSibling) {
        if (s.matches("div[lang]") && shown(s)) return s;
        if (!s.matches("div[lang]") && shown(s)) break;     // past the pair: another block
      }
    }
    return block.parentElement;
  }

  function apply(value, keepPlace) {
    var place = keepPlace ? topBlock() : null;
    root.setAttribute("data-book-lang", value);
    root.setAttribute("lang", value === "zh" ? "zh-CN" : "en");
    document.title = pick(fullTitle, value);
    var buttons = document.querySelectorAll(".book-lang-toggle button");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute("aria-pressed", String(buttons[i].value === value));
    }
    if (document.body) translateAttributes(value);
    if (place) {
      window.scrollBy({ top: standIn(place.el).getBoundingClientRect().top - place.top, behavior: "instant" });
    }
    document.dispatchEvent(new CustomEvent("book-lang", { detail: value }));
  }

  function buildToggle() {
    var group = document.createElement("div");
    group.className = "book-lang-toggle";
    group.setAttribute("role", "group");
    group.setAttribute("data-zh-aria-label", "语言");
    group.setAttribute("data-en-aria-label", "Language");
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
        apply(choice.value, true);
      });
      group.appendChild(button);
    });
    var header = document.querySelector(".article-header-buttons") || document.querySelector(".bd-header-article");
    if (header) {
      header.insertBefore(group, header.firstChild);
    } else {
      document.body.insertBefore(group, document.body.firstChild);
    }
  }

  function ready() {
    splitWords(document.body);
    buildToggle();
    apply(root.getAttribute("data-book-lang"), false);
  }

  window.bookLanguage = { split: splitWords };   // for text a page adds later (search results)
  document.addEventListener("book-lang-refresh", function () {   // attributes a script added later
    translateAttributes(root.getAttribute("data-book-lang"));
  });
  apply(initialChoice(), false);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
