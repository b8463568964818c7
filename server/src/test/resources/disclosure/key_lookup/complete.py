import json
import urllib.request

from providers import key_for

ENDPOINTS = {
    "openai": "https://api.openai.com/v1/chat/completions",
    "mistral": "https://api.mistral.ai/v1/chat/completions",
}


def complete(provider, prompt):
    body = json.dumps({"messages": [{"role": "user", "content": prompt}]}).encode()
    request = urllib.request.Request(ENDPOINTS[provider], data=body,
                                     headers={"Authorization": "Bearer " + key_for(provider)})
    with urllib.request.urlopen(request, timeout=60) as reply:
        return json.load(reply)


def mistral_models():
    with urllib.request.urlopen("https://api.mistral.ai/v1/models", timeout=30) as reply:
        return [m["id"] for m in json.load(reply)["data"]]
