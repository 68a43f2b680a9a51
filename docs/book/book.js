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
// The navigation and the table of contents repeat a heading's maths as plain "\( ... \)" text:
// typeset it there too.
options.displayMode = false;
document.querySelectorAll(".md-sidebar").forEach(function (sidebar) {
  var walker = document.createTreeWalker(sidebar, NodeFilter.SHOW_TEXT), found = [];
  while (walker.nextNode()) if (walker.currentNode.textContent.indexOf("\\(") >= 0) found.push(walker.currentNode);
  found.forEach(function (node) {
    var parts = node.textContent.split(/\\\(([\s\S]*?)\\\)/);  // text, maths, text, ...
    var span = document.createElement("span");
    parts.forEach(function (part, i) {
      var piece = document.createElement("span");
      if (i % 2 === 1) katex.render(part, piece, options);
      else piece.textContent = part;
      span.appendChild(piece);
    });
    node.parentNode.replaceChild(span, node);
  });
});
