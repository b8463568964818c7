"""Optional texture upscaling through a hosted model."""
import replicate


def upscale_texture(path):
    with open(path, "rb") as image:
        return replicate.run("nightmareai/real-esrgan", input={"image": image, "scale": 2})
