"""Look a mesh up in the MeshCat catalogue, download it and decimate it."""
import os
import subprocess
import urllib.request

import requests

CATALOGUE = "https://api.meshcat.io/v2"


def search_catalogue(query):
    token = os.environ.get("MESHCAT_TOKEN", "")
    reply = requests.get(f"{CATALOGUE}/search", params={"q": query},
                         headers={"Authorization": f"Bearer {token}"}, timeout=30)
    reply.raise_for_status()
    return reply.json()["results"]


def download_mesh(url, target):
    urllib.request.urlretrieve(url, target)
    return target


def decimate(source, target, faces=20000):
    subprocess.run(["meshlabserver", "-i", source, "-o", target, "-s", f"decimate_{faces}.mlx"], check=True)


def main(query, out):
    hit = search_catalogue(query)[0]
    raw = download_mesh(hit["download_url"], os.path.join(out, "raw.obj"))
    decimate(raw, os.path.join(out, "mesh.obj"))
