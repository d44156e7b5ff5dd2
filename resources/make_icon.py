"""Draws the app icon (a white check mark on a red rounded square) as .png and .ico with Pillow."""

from pathlib import Path

from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent
RED = (206, 17, 38, 255)  # the red of the Indonesian flag
WHITE = (255, 255, 255, 255)


def draw(size: int = 1024) -> Image.Image:
    # Drawn 4x larger and scaled down: Pillow draws without anti-aliasing.
    big = size * 4
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    d = ImageDraw.Draw(image)
    margin = big * 0.04
    d.rounded_rectangle((margin, margin, big - margin, big - margin), radius=big * 0.2, fill=RED)
    width = round(big * 0.11)
    points = [(big * 0.25, big * 0.45), (big * 0.43, big * 0.63), (big * 0.76, big * 0.27)]
    d.line(points, fill=WHITE, width=width, joint="curve")
    for x, y in (points[0], points[-1]):  # round line ends
        d.ellipse((x - width / 2, y - width / 2, x + width / 2, y + width / 2), fill=WHITE)
    return image.resize((size, size), Image.LANCZOS)


def main() -> None:
    image = draw(1024)
    image.resize((256, 256), Image.LANCZOS).save(HERE / "presensi-kpps.png")
    image.save(HERE / "presensi-kpps.ico", sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64),
                                                   (128, 128), (256, 256)])


if __name__ == "__main__":
    main()
