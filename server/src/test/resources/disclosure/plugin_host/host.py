import importlib
import json


def load(settings_path):
    with open(settings_path, encoding="utf-8") as f:
        names = json.load(f)["plugins"]
    return [importlib.import_module(f"plugins.{name}") for name in names]
