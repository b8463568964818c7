"""Which variable holds which provider's key, and where notes are stored."""
import os

KEY_VARIABLES = {
    "openai": "OPENAI_API_KEY",
    "mistral": "MISTRAL_API_KEY",
}
STORE_VARIABLE = "NOTES_STORE_DIR"


def key_for(provider):
    return os.environ[KEY_VARIABLES[provider]]


def mistral_key():
    return os.getenv(KEY_VARIABLES["mistral"])


def store_dir():
    return os.environ.get(STORE_VARIABLE, os.path.expanduser("~/notes"))


def verbose():
    return "NOTES_VERBOSE" in os.environ
