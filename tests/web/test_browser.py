"""The service in a real Chromium: a clerk logs in, uploads a .docx and a .pdf together, sees the
findings highlighted in each text and downloads the annotated Word copy; the director's page fits a
desktop and a phone. The real server runs as a subprocess, as `gongwen serve` does in production.

Screenshots of every page visited are written to out/test-artifacts/screenshots/ (stable names, so
they can be looked at after a run and kept by CI as artefacts)."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import warnings
import zipfile
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
if CHROMIUM is None or CHROMEDRIVER is None:
    pytest.skip("Chromium/chromedriver not installed (Debian: apt-get install chromium chromium-driver; "
                ".ci/run installs them): browser tests skipped", allow_module_level=True)

from selenium import webdriver  # noqa: E402  (only once Chromium is known to be there)
from selenium.common.exceptions import WebDriverException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
DOCUMENTS = REPO / "corpus" / "documents"
SCREENSHOTS = REPO / "out" / "test-artifacts" / "screenshots"
GONGWEN = Path(sys.executable).with_name("gongwen")
PASSWORD = "browser-test-9"
CLERK, DIRECTOR = "wenmi", "zhuren"
DOCX, PDF = "da-01-qingshi-three.docx", "da-04-baogao-smuggle.pdf"
EXPECTED_RULES = {DOCX: "request.one-matter", PDF: "report.contains-request"}
REVIEW_SECONDS = 60
DESKTOP, PHONE = (1366, 900), (390, 844)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_healthy(url: str, server: subprocess.Popen, log: Path, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"gongwen serve exited with {server.returncode}:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"gongwen serve did not answer /healthz within {seconds} s:\n{log.read_text(errors='replace')}")


@pytest.fixture(scope="module")
def base_url(tmp_path_factory) -> str:
    home = tmp_path_factory.mktemp("browser-service")
    db = str(home / "gongwen.sqlite")
    for name, role in ((CLERK, "clerk"), (DIRECTOR, "director")):
        subprocess.run([str(GONGWEN), "users", "add", name, "--role", role, "--password", PASSWORD, "--db", db],
                       check=True, capture_output=True, timeout=60)
    port = _free_port()
    log = home / "serve.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            [str(GONGWEN), "serve", "--host", "127.0.0.1", "--port", str(port), "--db", db,
             "--rules", "yangquan-chengqu", "--roster", str(REPO / "corpus" / "roster.yaml"),
             "--data-dir", str(home / "uploads"), "--jobs", "2"],
            cwd=home, stdout=output, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, server, log)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@pytest.fixture(scope="module")
def downloads(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("browser-downloads")


def _has_chinese_font() -> bool:
    try:
        listing = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True, timeout=30).stdout
    except OSError:
        return False
    return bool(listing.strip())


@pytest.fixture(scope="module")
def browser(downloads):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--lang=zh-CN", f"--window-size={DESKTOP[0]},{DESKTOP[1]}"):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    # Both paths are given, so Selenium Manager is never asked to fetch a browser or a driver.
    os.environ.setdefault("SE_OFFLINE", "true")
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    if not _has_chinese_font():
        warnings.warn("no Chinese font installed (Debian: fonts-noto-cjk): the screenshots show boxes for "
                      "Chinese text", stacklevel=1)
    yield driver
    driver.quit()


def _viewport(driver, size: tuple[int, int]) -> None:
    """A viewport of exactly this size; at phone width as a phone shows it (the page's viewport meta
    honoured). Headless Chromium keeps its window at least 500 px wide, so the window is not used."""
    width, height = size
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})


def _screenshot(driver, name: str) -> None:
    """The whole page at the current width: the viewport is made as tall as the document first."""
    width, height = driver.execute_script("return [window.innerWidth, document.documentElement.scrollHeight]")
    _viewport(driver, (width, min(max(height, 600), 8000)))
    driver.save_screenshot(str(SCREENSHOTS / f"{name}.png"))


def _assert_fits_phone(driver) -> None:
    width, inner = driver.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
    assert inner == PHONE[0], f"the viewport is {inner} px wide, not a phone's"
    assert width <= inner + 1, f"the page is {width} px wide in a {inner} px viewport: it scrolls sideways"


def _screenshots_at_both_widths(driver, name: str) -> None:
    """The page as it is, at desktop width, then at phone width (checked to fit), then back."""
    _screenshot(driver, f"{name}-1366")
    _viewport(driver, PHONE)
    _assert_fits_phone(driver)
    _screenshot(driver, f"{name}-390")
    _viewport(driver, DESKTOP)


def _log_in(driver, base_url: str, name: str, screenshot: str | None = None) -> None:
    driver.delete_all_cookies()
    _viewport(driver, DESKTOP)
    driver.get(base_url + "/login")
    if screenshot:
        _screenshots_at_both_widths(driver, screenshot)
    driver.find_element(By.ID, "name").send_keys(name)
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    driver.find_element(By.XPATH, "//button[normalize-space()='登录']").click()
    WebDriverWait(driver, 10).until(lambda d: "/login" not in d.current_url)
    assert name in driver.find_element(By.CSS_SELECTOR, "header.bar .who").text


def _progress_rows(driver) -> dict[str, tuple[str, str, str]]:
    """Each uploaded file's name: (its review page, its status class, its note)."""
    rows = {}
    for row in driver.find_elements(By.CSS_SELECTOR, "table tr")[1:]:
        cells = row.find_elements(By.TAG_NAME, "td")
        link = cells[1].find_element(By.TAG_NAME, "a")
        rows[link.text] = (link.get_attribute("href"), cells[2].get_attribute("class"), cells[3].text)
    return rows


@pytest.fixture(scope="module")
def reviews(browser, base_url) -> dict[str, str]:
    """The clerk's upload of a .docx and a .pdf in one go, followed until both are reviewed:
    each file's name with its review page."""
    _log_in(browser, base_url, CLERK, screenshot="01-login")
    _screenshots_at_both_widths(browser, "02-upload")
    paths = [str(DOCUMENTS / DOCX), str(DOCUMENTS / PDF)]
    browser.find_element(By.ID, "files").send_keys("\n".join(paths))
    browser.find_element(By.XPATH, "//button[normalize-space()='开始审查']").click()
    WebDriverWait(browser, 10).until(lambda d: "/uploads?ids=" in d.current_url)
    _screenshot(browser, "03-progress-pending")

    def all_done(driver):
        rows = _progress_rows(driver)
        return rows if len(rows) == 2 and all(status == "status-done" for _, status, _ in rows.values()) else False

    # The page reloads itself every 2 s: an element read just then is gone ("stale", or "does not belong
    # to the document"), so such errors only mean "look again".
    rows = WebDriverWait(browser, REVIEW_SECONDS, poll_frequency=0.5, ignored_exceptions=(WebDriverException,)).until(
        all_done, message=f"the two uploads were not reviewed within {REVIEW_SECONDS} s")
    _screenshots_at_both_widths(browser, "04-progress-done")
    return {name: href for name, (href, _, _) in rows.items()}


def test_upload_of_two_files_lists_both_with_their_findings(browser, reviews):
    assert set(reviews) == {DOCX, PDF}
    notes = {name: note for name, (_, _, note) in _progress_rows(browser).items()}
    assert all(note.startswith("发现 ") and note.endswith(" 处问题") for note in notes.values()), notes
    assert not browser.find_elements(By.CSS_SELECTOR, "meta[http-equiv=refresh]")  # stops refreshing once done


@pytest.mark.parametrize("name", [DOCX, PDF])
def test_review_page_highlights_the_findings_in_the_text(browser, reviews, name):
    _viewport(browser, DESKTOP)
    browser.get(reviews[name])
    highlights = browser.find_elements(By.CSS_SELECTOR, "mark[class*='sev-']")
    assert highlights, "no finding is highlighted in the text"
    assert any(EXPECTED_RULES[name] in mark.get_attribute("data-rules") for mark in highlights)
    rules = [code.text for code in browser.find_elements(By.CSS_SELECTOR, "ol.findings li.finding code.rule")]
    assert EXPECTED_RULES[name] in rules
    assert highlights[0].is_displayed()
    _screenshots_at_both_widths(browser, f"05-review-{Path(name).suffix[1:]}")


def test_annotated_word_copy_downloads_with_the_findings_as_comments(browser, reviews, downloads):
    browser.get(reviews[PDF])
    assert not browser.find_elements(By.LINK_TEXT, "下载批注版 Word 文件")  # only a .docx has one
    browser.get(reviews[DOCX])
    browser.find_element(By.LINK_TEXT, "下载批注版 Word 文件").click()

    def downloaded(_driver):
        done = [path for path in downloads.iterdir() if path.suffix == ".docx"]
        return done[0] if done and not any(path.suffix == ".crdownload" for path in downloads.iterdir()) else False

    copy = WebDriverWait(browser, 20, poll_frequency=0.2).until(downloaded, message="no annotated copy was downloaded")
    assert copy.name == "da-01-qingshi-three（审查批注）.docx"
    with zipfile.ZipFile(copy) as package:
        comments = package.read("word/comments.xml").decode("utf-8")
    assert comments.count("<w:comment ") >= 1
    assert "请示" in comments or "签发人" in comments


def test_director_page_fits_a_desktop_and_a_phone(browser, base_url, reviews):
    _log_in(browser, base_url, DIRECTOR)
    browser.get(base_url + "/director")
    assert browser.find_element(By.TAG_NAME, "h1").text == "公文审查日报"
    _screenshot(browser, "06-director-1366")
    _viewport(browser, PHONE)
    browser.get(base_url + "/director")
    _assert_fits_phone(browser)
    assert browser.find_element(By.TAG_NAME, "h1").is_displayed()
    _screenshot(browser, "06-director-390")
    _viewport(browser, DESKTOP)


def test_clerk_is_refused_the_directors_page(browser, base_url, reviews):
    _log_in(browser, base_url, CLERK)
    assert not browser.find_elements(By.LINK_TEXT, "主任看板")
    browser.get(base_url + "/director")
    assert browser.find_element(By.TAG_NAME, "h1").text == "无权访问"
    assert "无权访问此页面" in browser.find_element(By.CSS_SELECTOR, "main .panel").text
    _screenshot(browser, "07-director-refused-clerk")
