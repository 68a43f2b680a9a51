// book.js - runs on every page of the book (docs/book/, see mkdocs.yml): typesets the maths.
// pymdownx.arithmatex leaves each $...$ as <span class="arithmatex">\( ... \)</span> and each
// $$...$$ as <div class="arithmatex">\[ ... \]</div>; KaTeX (book/katex/, copied from Debian's
// libjs-katex) replaces them. A formula KaTeX cannot read is shown in red as a .katex-error
// element (the book's test looks for those) instead of stopping the rest of the page.
var options = { throwOnError: false };
document.querySelectorAll(".arithmatex").forEach(function (element) {
  var tex = element.textContent.trim();
  if (/^\\[\[(]/.test(tex)) tex = tex.slice(2, -2);
  options.displayMode = element.tagName === "DIV";
  katex.render(tex, element, options);
});
// The table of contents repeats a heading's maths as plain "\( ... \)" text: typeset it too.
options.displayMode = false;
document.querySelectorAll(".md-nav__link").forEach(function (link) {
  if (link.children.length === 0 && link.textContent.indexOf("\\(") >= 0) {
    var parts = link.textContent.split(/\\\(([\s\S]*?)\\\)/);  // text, maths, text, ...
    link.textContent = "";
    parts.forEach(function (part, i) {
      var span = document.createElement("span");
      if (i % 2 === 1) katex.render(part, span, options);
      else span.textContent = part;
      link.appendChild(span);
    });
  }
});
