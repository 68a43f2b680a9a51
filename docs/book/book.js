// book.js - runs on every page of the book (docs/book/, see mkdocs.yml): typesets the maths.
// pymdownx.arithmatex leaves each $...$ as <span class="arithmatex">\( ... \)</span> and each
// $$...$$ as <div class="arithmatex">\[ ... \]</div>; KaTeX (book/katex/, copied from Debian's
// libjs-katex) replaces them. A formula KaTeX cannot read is shown in red as a .katex-error
// element (the book's test looks for those) instead of stopping the rest of the page.
document.querySelectorAll(".arithmatex").forEach(function (element) {
  var tex = element.textContent.trim();
  var display = element.tagName === "DIV";
  if (/^\\[\[(]/.test(tex)) tex = tex.slice(2, -2);
  katex.render(tex, element, { displayMode: display, throwOnError: false });
});
