import pytest

from racing.services import brand


@pytest.mark.parametrize("accent", ["#d4002a", "#ffcc00", "#0000ff", "#777777"])
def test_accent_text_reads_on_every_background_of_its_scheme(accent):
    colours = brand.palette(accent)
    light = [brand.LIGHT_PAGE, brand.LIGHT_SURFACE, brand.mix("#ffffff", accent, 0.09)]
    dark = [brand.DARK_PAGE, brand.DARK_SURFACE, brand.mix("#0e1116", accent, 0.09)]

    for background in light:
        assert brand.contrast(colours["accent_light"], background) >= 4.5
    # The dark panels (calendar cards) are lighter than the page: the shade
    # that reads on the page alone failed on them (3.1:1 for the default red).
    for background in dark:
        assert brand.contrast(colours["accent_dark"], background) >= 4.5
