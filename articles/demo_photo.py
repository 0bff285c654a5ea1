"""A photograph-like picture drawn in code, for the demo and for measuring the renditions.

The demo's drawings (articles/demo_images.py) are flat colours and compress far better than a
photograph, so they would flatter any measurement. This one has what a camera gives: a sky's
gradient, hills and a shore with texture at every scale (summed octaves of noise), soft shapes
and a sensor's fine grain. It is seeded, so the same call draws the same picture.
"""

from io import BytesIO

import numpy as np
from PIL import Image, ImageFilter

WIDTH, HEIGHT = 1600, 1067
JPEG_QUALITY = 85  # what a photo desk's export typically uses


def photo_like_jpeg(seed=7, width=WIDTH, height=HEIGHT):
    """The JPEG bytes of a `width` x `height` photograph-like picture."""
    return _encode(photo_like_image(seed, width, height))


def photo_like_image(seed=7, width=WIDTH, height=HEIGHT):
    rng = np.random.default_rng(seed)
    rows = np.linspace(0.0, 1.0, height)[:, None]
    texture = _octaves(rng, width, height)
    # Grass, gravel and leaves: detail down to single pixels, strongest near the camera.
    speckle = np.clip(128 + 40 * rng.normal(0.0, 1.0, (height, width)), 0, 255)
    grain = Image.fromarray(speckle.astype(np.uint8), "L").filter(ImageFilter.GaussianBlur(0.7))
    detail = (np.asarray(grain, dtype=np.float64) - 128) / 40
    horizon = 0.45 + 0.08 * _octaves(rng, width, 1, smallest=64)[0]
    ground = rows > horizon[None, :]
    sky = np.stack([90 + 110 * rows, 140 + 80 * rows, 200 + 40 * rows], axis=-1) + 18 * texture[
        ..., None
    ] * np.array([1.0, 1.0, 0.6])
    land = np.stack(
        [70 + 60 * texture + 45 * detail, 90 + 55 * texture + 50 * detail, 40 + 30 * texture],
        axis=-1,
    ) * (0.75 + 0.5 * rows[..., None])
    pixels = np.where(ground[..., None], land, sky)
    pixels += rng.normal(0.0, 3.0, pixels.shape)  # the sensor's grain
    image = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "RGB")
    return _with_shapes(rng, image)


def _octaves(rng, width, height, smallest=4, falloff=0.6):
    """Noise with detail at every scale, from `smallest` pixels to the whole frame, in -1..1;
    each scale half the size of the one before weighs `falloff` times as much."""
    total = np.zeros((height, width))
    size, weight = max(width, height), 1.0
    while size >= smallest:
        grid = rng.uniform(-1.0, 1.0, (max(2, height // size + 2), max(2, width // size + 2)))
        layer = Image.fromarray(grid.astype(np.float32), "F").resize(
            (width, height), Image.Resampling.BICUBIC
        )
        total += weight * np.asarray(layer)
        size, weight = size // 2, weight * falloff
    return total / np.abs(total).max()


def _with_shapes(rng, image):
    """Soft-edged trees, boats and rocks: the shapes a photograph's subject is made of."""
    pixels = np.asarray(image).copy()
    width, height = image.size
    for _ in range(40):
        x, y = int(rng.uniform(0, width)), int(rng.uniform(height * 0.4, height))
        radius_x, radius_y = int(rng.uniform(8, 90)), int(rng.uniform(8, 60))
        colour = rng.uniform(20, 120, 3)
        top, bottom = max(0, y - radius_y), min(height, y + radius_y)
        left, right = max(0, x - radius_x), min(width, x + radius_x)
        rows, columns = np.ogrid[top:bottom, left:right]
        inside = ((columns - x) / radius_x) ** 2 + ((rows - y) / radius_y) ** 2 <= 1
        patch = pixels[top:bottom, left:right]
        patch[inside] = (0.4 * patch[inside] + 0.6 * colour).astype(np.uint8)
    return Image.fromarray(pixels, "RGB")


def _encode(image):
    buffer = BytesIO()
    image.save(buffer, format="JPEG", quality=JPEG_QUALITY)
    return buffer.getvalue()
