#!/usr/bin/python3
"""tests/book/check_book.py - the book (`./workbook book`) in a real browser, with the network off.

Usage: /usr/bin/python3 tests/book/check_book.py REPO_ROOT BUILD_DIR [--site DIR]
(CTest test "book: ...", label "book"). Builds the book into BUILD_DIR/book-test/ with
`./workbook book --out` (--site DIR: checks a book built elsewhere instead, e.g. on another
Debian release), then:
  - the build printed no warning (a broken link, a missing page);
  - every internal link of every page (and of the exercise-file pages) resolves: its file exists
    and so does its #anchor;
  - headless Chromium (Debian's chromium + chromium-driver, driven by python3-selenium) opens the
    front page, every chapter page, the appendices and two exercise files' pages from
    file://, with every network request refused: no failed request and no request that is not
    file://, data: or blob:; no console error; KaTeX typeset every formula (each .arithmatex holds
    a .katex, no .katex-error, no "$$", "\\frac", "\\(" or "\\[" left as text outside code, the
    table of contents included); every image
    loaded (naturalWidth > 0); each exercise heading links to its file's page;
  - the search box finds "online softmax" (Chapter 7) from file://;
  - one screenshot per chapter page in BUILD_DIR/book-screenshots/ (chNN.png, and the front page),
    for a person to look at.
Not: a test of the wording of the pages (docs/ has its own tests). When chromium, the driver,
selenium or the book's packages are missing, it says what to install and FAILS (exit 1).
"""
import glob
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.parse

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


def fail(message):
    print(f"FAIL: {message}")
    sys.exit(1)


def check_tools():
    missing = []
    if not os.path.exists(CHROMIUM):
        missing.append("chromium")
    if not os.path.exists(CHROMEDRIVER):
        missing.append("chromium-driver")
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("python3-selenium")
    for module, package in [("mkdocs", "mkdocs"), ("pymdownx", "python3-pymdownx")]:
        try:
            __import__(module)
        except ImportError:
            missing.append(package)
    if not os.path.isdir("/usr/share/mkdocs/themes/material") and not _importable("material"):
        missing.append("mkdocs-material")
    if not os.path.exists("/usr/share/javascript/katex/katex.min.js"):
        missing.append("libjs-katex")
    if missing:
        fail(
            "the book's test needs " + " ".join(missing) + ".\n"
            "  Install them: apt-get install -y --no-install-recommends " + " ".join(missing)
            + "\n  (./workbook setup --book installs the book's own; the browser is for this test)"
        )


def _importable(module):
    try:
        __import__(module)
        return True
    except ImportError:
        return False


class PageParser(html.parser.HTMLParser):
    """Collects a page's ids and the href/src of its links and images."""

    def __init__(self):
        super().__init__()
        self.ids, self.links = set(), []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag in ("img", "script") and attrs.get("src"):
            self.links.append(attrs["src"])
        if tag == "link" and attrs.get("href"):
            self.links.append(attrs["href"])


def check_links(site):
    pages = sorted(glob.glob(os.path.join(site, "**", "*.html"), recursive=True))
    parsed = {}
    for page in pages:
        parser = PageParser()
        with open(page, encoding="utf-8") as f:
            parser.feed(f.read())
        parsed[os.path.abspath(page)] = parser
    broken = []
    checked = 0
    for page, parser in parsed.items():
        if page.endswith("404.html"):
            continue  # the theme's 404 page links from the server's root
        for link in parser.links:
            url = urllib.parse.urlsplit(link)
            if url.scheme or url.netloc:
                broken.append(f"{os.path.relpath(page, site)}: a link out of the book: {link}")
                continue
            target = os.path.abspath(os.path.join(os.path.dirname(page), urllib.parse.unquote(url.path))) if url.path else page
            checked += 1
            if not os.path.exists(target):
                broken.append(f"{os.path.relpath(page, site)}: {link} (no such file)")
            elif url.fragment and target in parsed and urllib.parse.unquote(url.fragment) not in parsed[target].ids:
                broken.append(f"{os.path.relpath(page, site)}: {link} (no such anchor)")
    if broken:
        fail("links that do not resolve:\n  " + "\n  ".join(broken[:30]))
    print(f"ok: {checked} internal links on {len(pages)} pages resolve")


# Run in each page once it has loaded: what the page shows, as data.
PAGE_REPORT = r"""
const text = [];
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
while (walker.nextNode()) {
  const node = walker.currentNode;
  if (node.parentElement.closest("pre, code, script, style, .katex")) continue;
  text.push(node.textContent);
}
const all = text.join(" ");
const maths = Array.from(document.querySelectorAll(".arithmatex"));
return {
  maths: maths.length,
  untypeset: maths.filter(m => !m.querySelector(".katex")).map(m => m.textContent.slice(0, 60)),
  errors: Array.from(document.querySelectorAll(".katex-error")).map(e => e.getAttribute("title") || e.textContent),
  raw_tex: (all.match(/.{0,30}(\$\$|\\frac|\\\(|\\\[).{0,30}/g) || []).slice(0, 5),
  images: Array.from(document.images).map(i => ({src: i.getAttribute("src"), ok: i.complete && i.naturalWidth > 0})),
  exercise_headings: Array.from(document.querySelectorAll("h3")).filter(h => /^Exercise \d+\.\d+/.test(h.textContent))
    .map(h => ({text: h.textContent, link: (h.querySelector("a[href*='exercises/']") || {}).href || null})),
  details: document.querySelectorAll("details > summary:first-child").length,
  title: document.title,
};
"""


def browser(screenshots):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in [
        "--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900",
        "--hide-scrollbars", "--allow-file-access-from-files=false",
        # The network is off: every host name fails to resolve, every proxy request goes nowhere.
        "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=http://127.0.0.1:9",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-default-apps", "--disable-extensions",
    ]:
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd(
        "Network.emulateNetworkConditions",
        {"offline": True, "latency": 0, "downloadThroughput": 0, "uploadThroughput": 0},
    )
    return driver


def requests_and_console(driver):
    """The failed and non-local requests, and the console errors, since the last call."""
    problems = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        params = message.get("params", {})
        if message["method"] == "Network.requestWillBeSent":
            url = params["request"]["url"]
            if not url.startswith(("file:", "data:", "blob:")):
                problems.append(f"a request to the network: {url}")
        elif message["method"] == "Network.loadingFailed" and not params.get("canceled"):
            problems.append(f"a failed request: {params.get('errorText')} ({params.get('type')})")
    for entry in driver.get_log("browser"):
        if entry["level"] == "SEVERE":
            problems.append(f"console error: {entry['message']}")
    return problems


def check_page(driver, site, relative, screenshot=None):
    url = "file://" + os.path.join(site, relative)
    driver.get(url)
    time.sleep(0.2)  # let the scripts at the end of the page finish (KaTeX, the search worker)
    report = driver.execute_script(PAGE_REPORT)
    problems = requests_and_console(driver)
    if report["untypeset"]:
        problems.append(f"{len(report['untypeset'])} formulas not typeset, e.g. {report['untypeset'][0]!r}")
    if report["errors"]:
        problems.append(f"KaTeX errors: {report['errors'][:3]}")
    if report["raw_tex"]:
        problems.append(f"TeX left as text: {report['raw_tex']}")
    for image in report["images"]:
        if not image["ok"]:
            problems.append(f"an image did not load: {image['src']}")
    for heading in report["exercise_headings"]:
        if not heading["link"]:
            problems.append(f"the heading '{heading['text']}' does not link to its file")
    if screenshot:
        driver.save_screenshot(screenshot)
    return report, problems


def check_search(driver, site):
    from selenium.webdriver.common.by import By

    driver.get("file://" + os.path.join(site, "index.html"))
    box = driver.find_element(By.CSS_SELECTOR, "input.md-search__input")  # in the header at 1280 px
    box.click()
    box.send_keys("online softmax")
    deadline = time.time() + 15
    hits = []
    while time.time() < deadline:
        hits = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, ".md-search-result__item a")]
        if hits:
            break
        time.sleep(0.2)
    problems = requests_and_console(driver)
    if not any("07-attention-at-scale" in h for h in hits):
        problems.append(f"search for 'online softmax' found {len(hits)} results, none in Chapter 7: {hits[:3]}")
    return hits, problems


def main():
    if len(sys.argv) not in (3, 5) or (len(sys.argv) == 5 and sys.argv[3] != "--site"):
        print(__doc__)
        sys.exit(2)
    root, build = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    check_tools()

    if len(sys.argv) == 5:
        site = os.path.abspath(sys.argv[4])
    else:
        site = os.path.join(build, "book-test")
        started = time.time()
        run = subprocess.run([os.path.join(root, "workbook"), "book", "--out", site], capture_output=True, text=True)
        if run.returncode != 0 or run.stdout.strip() != f"file://{site}/index.html":
            fail(f"./workbook book --out {site} exited {run.returncode}:\n{run.stdout}{run.stderr}")
        warnings = [line for line in run.stderr.splitlines() if "WARNING" in line or "ERROR" in line]
        if warnings:
            fail("the book's build warned:\n  " + "\n  ".join(warnings))
        print(f"ok: the book built in {time.time() - started:.1f} s into {site}")

    check_links(site)

    docs = os.path.join(root, "docs")
    chapters = sorted(p for p in os.listdir(docs) if re.match(r"^\d\d-.*\.md$", p))
    pages = ["index.html"] + [c[:-3] + ".html" for c in chapters] + ["rng.html", "xtensor-pitfalls.html"]
    # The exercise files' pages share one template: the first and the last chapter's first one
    # (the links of all of them were checked above).
    exercise_dirs = sorted(glob.glob(os.path.join(site, "exercises", "ch[0-9][0-9]")))
    for chapter in exercise_dirs[:1] + exercise_dirs[-1:] if len(exercise_dirs) > 1 else exercise_dirs:
        first = sorted(glob.glob(os.path.join(chapter, "ex*.html")))
        if first:
            pages.append(os.path.relpath(first[0], site))
    if len(chapters) < 1:
        fail("no chapter pages docs/NN-*.md found")

    shots = os.path.join(build, "book-screenshots")
    shutil.rmtree(shots, ignore_errors=True)
    os.makedirs(shots)
    started = time.time()
    driver = browser(shots)
    failures = 0
    try:
        for page in pages:
            number = re.match(r"^(\d\d)-", page)
            shot = os.path.join(shots, f"ch{number.group(1)}.png" if number else "front.png") if number or page == "index.html" else None
            report, problems = check_page(driver, site, page, shot)
            if problems:
                failures += 1
                print(f"FAIL: {page}:\n  " + "\n  ".join(problems[:10]))
            else:
                print(f"ok: {page}: {report['maths']} formulas typeset, {len(report['images'])} images, "
                      f"{len(report['exercise_headings'])} exercises linked, {report['details']} hints folded")
        hits, problems = check_search(driver, site)
        driver.save_screenshot(os.path.join(shots, "search.png"))
        if problems:
            failures += 1
            print("FAIL: search:\n  " + "\n  ".join(problems))
        else:
            print(f"ok: search from file:// finds 'online softmax' ({len(hits)} results, first {hits[0].split('/')[-1]})")
    finally:
        driver.quit()
    print(f"ok: {len(pages)} pages in Chromium in {time.time() - started:.1f} s; screenshots in {shots}")
    if failures:
        fail(f"{failures} of {len(pages) + 1} browser checks failed")
    print("book: every check passed")


if __name__ == "__main__":
    main()
