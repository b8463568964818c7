import os
import shutil
import subprocess

BROWSER_VARIABLE = "PAGE_SNAP_BROWSER"


def browser():
    return os.environ.get(BROWSER_VARIABLE) or shutil.which("chromium") or "chromium"


def main(url, out, width=1280, height=800):
    command = [browser(), "--headless=new", "--disable-gpu", f"--window-size={width},{height}",
               "--screenshot=" + os.path.join(out, "page.png"), url]
    subprocess.run(command, check=True, timeout=120)
