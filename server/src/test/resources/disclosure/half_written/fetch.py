import os
import subprocess
import urllib.request


def fetch(url):
    return urllib.request.urlopen(url, timeout=10).read()


def broken(url:
    value = {"a": [1, 2,
    if url.startswith("http"


def classify(page):
    model = load_model(os.environ["HALF_MODEL_TOKEN"]).to("cuda")
    return subprocess.check_output(["file", "-"], input=page)
