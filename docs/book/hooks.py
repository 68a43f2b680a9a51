# docs/book/hooks.py - MkDocs hooks (mkdocs.yml: `hooks:`) that turn docs/ into the workbook's book.
#
# The Markdown pages stay the source and read the same on GitHub; everything the book adds is
# added here, at build time:
#   - the pages: the README as the front page, then every chapter page docs/NN-*.md found by
#     pattern (a new chapter needs no change here), then docs/rng.md and docs/xtensor-pitfalls.md;
#     one extra page per exercise file (exercises/chNN/exMM_*.cpp), outside the navigation;
#   - on a chapter page: under its title, the learner's path (read, run `./workbook run N`, the
#     exercises); each "### Exercise N.M" heading and its **File:** line link to the exercise
#     file's page, and a **Check:** line is added where a section has none;
#   - hints in <details> are marked for Markdown inside (md_in_html), as GitHub reads them;
#   - a ```mermaid diagram is shown as its text, under a line that says so;
#   - KaTeX (Debian's libjs-katex: script, style sheet, fonts) copied into the book;
#   - search from file://: Material's search normally fetches search/search_index.json and
#     starts a Web Worker from a URL, both refused to a page opened from disk. The index is also
#     written as a script, search/search_index.js (`var __index = ...`, which Material 9 loads
#     by itself from file://), and book/search.js, loaded before the theme's script, hands it to
#     Material 8 through its global `__search` and points the theme's worker at a blob: URL
#     holding the worker's code.
# Not: a theme of its own, or a change to the Markdown files.
import glob
import json
import os
import re
import shutil

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

KATEX_DIR = "/usr/share/javascript/katex"  # Debian's libjs-katex (Debian 12 and 13)

CHAPTER_PAGE = re.compile(r"^(\d\d)-[^/]*\.md$")  # docs/NN-<slug>.md
EXERCISE_HEADING = re.compile(r"^### Exercise (\d+)\.(\d+)\b(.*)$")
FILE_LINE = re.compile(r"^\*\*File:\*\* `([^`]+)`")
APPENDICES = ["rng.md", "xtensor-pitfalls.md"]


def _root(config):
    return os.path.dirname(os.path.abspath(config["config_file_path"]))


def _slug(text, separator="-"):
    # A heading's anchor as GitHub makes it, so that links to #sections work on GitHub and in the
    # book: lower case, punctuation dropped (letters, digits, _ and - kept), each space a "-".
    # ("4. `xt::xarray<double> a(...)` is ..." -> "4-xtxarraydouble-a-is-...".)
    return re.sub(r"[^\w\- ]", "", text.strip().lower()).replace(" ", separator)


def _exercise_files(root):
    # {"1.4": "exercises/ch01/ex04_softmax_stable.cpp", ...}: every exercise file, by its name.
    found = {}
    for path in sorted(glob.glob(os.path.join(root, "exercises", "ch[0-9][0-9]", "ex[0-9][0-9]_*.cpp"))):
        chapter = int(os.path.basename(os.path.dirname(path))[2:])
        number = int(os.path.basename(path)[2:4])
        found[f"{chapter}.{number}"] = os.path.relpath(path, root).replace(os.sep, "/")
    return found


def on_config(config):
    config["mdx_configs"].setdefault("toc", {})["slugify"] = _slug
    # The navigation follows the learner: front page, chapters in order, then the two appendices.
    docs = config["docs_dir"]
    chapters = sorted(p for p in os.listdir(docs) if CHAPTER_PAGE.match(p))
    config["nav"] = ["README.md"] + chapters + [p for p in APPENDICES if os.path.exists(os.path.join(docs, p))]
    return config


def on_files(files, config):
    root = _root(config)
    site, urls = config["site_dir"], config["use_directory_urls"]
    for f in list(files):
        keep = (
            (f.src_uri.endswith(".md") and "/" not in f.src_uri)
            or f.src_uri.startswith("images/")
            or re.match(r"book/[^/]*\.(css|js)$", f.src_uri)
        )
        if not keep and not f.src_uri.startswith("assets/"):  # assets/: the theme's own files
            files.remove(f)
    files.append(File("README.md", root, site, urls))  # becomes index.html, the front page
    for number, path in _exercise_files(root).items():
        page = File(path + ".md", root, site, urls)  # exercises/ch01/ex04_...cpp.html
        page.abs_src_path = os.path.join(root, path)  # its Markdown is made in on_page_markdown
        files.append(page)
    return files


def _chapter_page(markdown, chapter, exercise_files):
    lines = markdown.split("\n")
    run_anchor = exercises_anchor = None
    numbers = []
    for line in lines:
        heading = re.match(r"^## (.*)$", line)
        if heading and re.match(r"^\d+\. Run it", heading.group(1)):
            run_anchor = _slug(heading.group(1))
        if heading and re.match(r"^\d+\. Exercises", heading.group(1)):
            exercises_anchor = _slug(heading.group(1))
        exercise = EXERCISE_HEADING.match(line)
        if exercise:
            numbers.append(f"{exercise.group(1)}.{exercise.group(2)}")

    out, current, has_check = [], None, False
    for i, line in enumerate(lines):
        exercise = EXERCISE_HEADING.match(line)
        if exercise or line.startswith("## "):
            if current and not has_check:
                out.append(f"**Check:** `./workbook check {current}`\n")
            current, has_check = None, False
        if exercise:
            current = f"{exercise.group(1)}.{exercise.group(2)}"
            path = exercise_files.get(current)
            title = line[4:]
            out.append(f"### [{title}](/{path}.md)" if path else line)
            continue
        if current and line.startswith("**Check:**"):
            has_check = True
        file_line = FILE_LINE.match(line)
        if current and file_line and exercise_files.get(current) == file_line.group(1):
            line = line.replace(f"`{file_line.group(1)}`", f"[`{file_line.group(1)}`](/{file_line.group(1)}.md)", 1)
        out.append(line)
        if line.startswith("# ") and i < 5:  # under the title: the learner's path through the page
            run = f"`./workbook run {chapter}`" + (f" ([the program's output](#{run_anchor}))" if run_anchor else "")
            steps = ["**Read** this page", f"**run** {run}"]
            if numbers:
                exercises = f"{numbers[0]} to {numbers[-1]}" if len(numbers) > 1 else numbers[0]
                if exercises_anchor:
                    exercises = f"[{exercises}](#{exercises_anchor})"
                steps.append(f"**solve** exercises {exercises} with `./workbook` (each checked by `./workbook check N.M`)")
            out += ["", '<div class="wb-path" markdown="1">', "", ", then ".join(steps) + ".", "", "</div>"]
    if current and not has_check:
        out.append(f"\n**Check:** `./workbook check {current}`")
    return "\n".join(out)


def _exercise_page(source, page, config):
    # The page of one exercise file: what to do with it, the command that checks it, the file.
    path = page.file.src_uri[: -len(".md")]
    number = next((n for n, p in _exercise_files(_root(config)).items() if p == path), "?")
    chapter = number.split(".")[0]
    docs = config["docs_dir"]
    chapter_page = next((p for p in sorted(os.listdir(docs)) if CHAPTER_PAGE.match(p) and int(p[:2]) == int(chapter)), None)
    back = ""
    if chapter_page:
        with open(os.path.join(docs, chapter_page), encoding="utf-8") as f:
            for line in f:
                if EXERCISE_HEADING.match(line) and line[13:].startswith(number + " ") or line.rstrip() == f"### Exercise {number}":
                    heading = line[4:].strip()
                    link = get_relative_url(chapter_page, page.file.src_uri)
                    back = f" Its section in the chapter: [{heading}]({link}#{_slug(heading)})."
                    break
    fence = "`" * max(3, 1 + max((len(m) for m in re.findall(r"`+", source)), default=0))
    return "\n".join([
        f"# {path}",
        "",
        f"Exercise {number}: open `{path}` in your editor, delete its `WB_NOT_DONE_YET` line and write",
        f"the function its comment describes.{back} Then check it:",
        "",
        "```sh",
        f"./workbook check {number}",
        "```",
        "",
        "The file as it was when this book was built:",
        "",
        fence + "cpp",
        source.rstrip("\n"),
        fence,
        "",
    ])


def _mermaid_as_text(match):
    return "*The diagram, in Mermaid's text notation:*\n\n```text\n" + match.group(1).replace("<br/>", " ") + "```"


def on_page_markdown(markdown, page, config, files):
    src = page.file.src_uri
    if src.startswith("exercises/"):
        return _exercise_page(markdown, page, config)
    if src == "README.md":
        markdown = re.sub(r"\]\(docs/", "](", markdown)  # its links into docs/ as the book has them
    chapter = CHAPTER_PAGE.match(src)
    if chapter:
        markdown = _chapter_page(markdown, int(chapter.group(1)), _exercise_files(_root(config)))
    # A Mermaid diagram (GitHub draws it; no Debian package does) stays its text, announced as such.
    markdown = re.sub(r"^```mermaid\n(.*?)^```", _mermaid_as_text, markdown, flags=re.M | re.S)
    # Hints: Markdown inside <details>, with <summary> on a line of its own.
    markdown = re.sub(r"^<details>\s*(<summary>.*?</summary>)", r'<details markdown="1">\n\1\n', markdown, flags=re.M)
    # Links written from the top ("/exercises/...md" above) become relative to this page.
    return re.sub(r"\]\(/([^)]+)\)", lambda m: "](" + get_relative_url(m.group(1), src) + ")", markdown)


def on_page_content(html, page, config, files):
    # md_in_html wraps a lone <summary> in a paragraph; the browser needs it as the first child.
    return re.sub(r"<p>\s*(<summary>.*?</summary>)\s*</p>", r"\1", html)


def on_post_page(output, page, config):
    # The index and book/search.js must run before the theme's script (and after its #__config).
    scripts = "".join(f'<script src="{get_relative_url(path, page.url)}"></script>\n'
                      for path in ["search/search_index.js", "book/search.js"])
    return re.sub(r'(<script src="[^"]*assets/javascripts/bundle\.)', lambda m: scripts + m.group(1), output, count=1)


@event_priority(-100)  # after the search plugin has written its index
def on_post_build(config):
    site = config["site_dir"]
    # KaTeX, fonts included (fonts/ is a link into /usr/share/fonts in Debian's package).
    katex = os.path.join(site, "book", "katex")
    shutil.rmtree(katex, ignore_errors=True)
    os.makedirs(os.path.join(katex, "fonts"))
    for name in ["katex.min.js", "katex.min.css"]:
        shutil.copyfile(os.path.join(KATEX_DIR, name), os.path.join(katex, name))
    for font in glob.glob(os.path.join(KATEX_DIR, "fonts", "*")):
        shutil.copyfile(font, os.path.join(katex, "fonts", os.path.basename(font)))
    # Search from file://: the index and the worker's code in one script.
    # The exercise files' pages are left out of it: their chapter's sections say the same, and
    # a search should land on the explanation.
    index_path = os.path.join(site, "search", "search_index.json")
    with open(index_path, encoding="utf-8") as f:
        index = json.load(f)
    index["docs"] = [doc for doc in index["docs"] if not doc["location"].startswith("exercises/")]
    index = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    with open(index_path, "w", encoding="utf-8") as f:
        f.write(index)
    worker_path = glob.glob(os.path.join(site, "assets", "javascripts", "workers", "search.*.js"))
    worker_path = [p for p in worker_path if p.endswith(".min.js")] or worker_path
    with open(worker_path[0], encoding="utf-8") as f:
        worker = re.sub(r"//# sourceMappingURL=\S+\s*$", "", f.read())
    with open(os.path.join(site, "search", "search_index.js"), "w", encoding="utf-8") as f:
        f.write(f"var __index = {index};\n")
    with open(os.path.join(site, "book", "search.js"), "w", encoding="utf-8") as f:
        f.write(
            "// Search from file:// (written by docs/book/hooks.py): the index, loaded just before\n"
            "// from search/search_index.js, for Material 8, and the search worker's code as a blob:\n"
            "// URL in the theme's configuration (#__config), as a page from disk may not start a\n"
            "// worker from a file.\n"
            "var __search = { index: Promise.resolve(__index) };\n"
            "(function () {\n"
            "  var element = document.getElementById('__config');\n"
            "  var config = JSON.parse(element.textContent);\n"
            f"  var code = {json.dumps(worker)};\n"
            "  config.search = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));\n"
            "  element.textContent = JSON.stringify(config);\n"
            "})();\n"
        )
