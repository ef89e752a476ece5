"""The seed press release as a published report, and its Swedish translation.

The English text is the release's, paragraph by paragraph; its quotes are the
weekend's Quote rows placed with [[quote N]] markers where the release has them,
and the per-driver results block at the end is generated from the results, so
neither is typed here. The Swedish version and its quotes were written for the
demo. Keyed on slugs and natural keys: loading twice changes nothing.
"""

import datetime as dt
import zoneinfo

from racing.models import Quote, RaceReport, ReportQuote

STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")
# The release went out the day after Race 2.
PUBLISHED_AT = dt.datetime(2021, 6, 6, 9, 0, tzinfo=STOCKHOLM)

EN_SLUG = "crash-and-first-points-in-the-wtcr-premiere"
EN_TITLE = "Crash and first points in the WTCR premiere for the Bäckman siblings"
EN_LEAD = (
    "The siblings Andreas and Jessica Bäckman made their debut this weekend in the "
    "WTCR - FIA World Touring Car Cup. Jessica picked up her first points in the "
    "World Cup series."
)
EN_BODY = """\
[[quote 1]]

The Nürburgring Nordschleife, also known as "The Green Hell", is one of the \
toughest tracks in the world. Formula 1 drove on this 25 km long track from 1927 \
until 1976 when world champion Niki Lauda was involved in a serious accident. \
Nowadays, Formula 1 runs on the Nürburgring GP track, which is about 4 km long. \
Since 2018, the FIA WTCR has raced on this famous track the same weekend as the \
Nürburgring's 24-hour race.

This weekend, June 3-5, the season premiere was hosted by the WTCR, and the \
world's top elite drivers gathered to compete for new world cup points. The \
Swedish racing siblings Andreas and Jessica Bäckman took place in the starting \
field as debutants in the series, competing for the Italian team Target \
Competition. Their first race weekend offered mixed weather conditions and \
challenging races.

## Challenged track

It was the siblings' first race in their new Hyundai Elantra N TCR cars on the \
challenging track and they knew in advance that it would be a tough debut race \
in WTCR.

[[quote 2]]

[[quote 3]]

## First World Cup points for Jessica

Jessica had a challenging qualifying when she suffered with some technical \
problems with the car. But for the race, she showed her true capacity and got \
her first World Cup points through her 14th place in Race 2.

[[quote 4]]

## Start crash but promising speed for Andreas

It was a challenging weekend for Andreas too, but he showed good speed during \
both qualifying and races:

[[quote 5]]

The raceday, on the other hand, became tougher for Andreas:

[[quote 6]]

The second round of the WTCR series, will be held at the Estoril track in \
Portugal at June 25-27.
"""

SV_SLUG = "krasch-och-forsta-poangen-i-wtcr-premiaren"
SV_TITLE = "Krasch och första poängen i WTCR-premiären för syskonen Bäckman"
SV_LEAD = (
    "Syskonen Andreas och Jessica Bäckman gjorde i helgen debut i WTCR - FIA World "
    "Touring Car Cup. Jessica tog sina första poäng i världscupen."
)
SV_BODY = """\
[[quote 1]]

Nürburgring Nordschleife, även kallad ”Det gröna helvetet”, är en av världens \
tuffaste banor. Formel 1 körde på den 25 km långa banan från 1927 fram till 1976, \
då världsmästaren Niki Lauda var med om en svår olycka. I dag kör Formel 1 på \
Nürburgrings GP-bana, som är ungefär 4 km lång. Sedan 2018 har FIA WTCR kört på \
den berömda banan samma helg som Nürburgrings 24-timmarslopp.

I helgen, 3–5 juni, hölls säsongspremiären i WTCR, och världens främsta förare \
samlades för att tävla om nya världscuppoäng. De svenska racingsyskonen Andreas \
och Jessica Bäckman tog plats i startfältet som debutanter i serien och tävlar \
för det italienska teamet Target Competition. Deras första tävlingshelg bjöd på \
växlande väder och utmanande race.

## Utmanande bana

Det var syskonens första race i de nya Hyundai Elantra N TCR-bilarna på den \
krävande banan, och de visste på förhand att det skulle bli en tuff debut i WTCR.

[[quote 2]]

[[quote 3]]

## Första världscuppoängen för Jessica

Jessica hade ett utmanande kval med tekniska problem på bilen. Men i racen \
visade hon sin rätta kapacitet och tog sina första världscuppoäng med en 14:e \
plats i Race 2.

[[quote 4]]

## Startkrasch men lovande fart för Andreas

Det var en utmanande helg för Andreas också, men han visade bra fart både i \
kvalet och i racen:

[[quote 5]]

Racedagen blev däremot tuffare för Andreas:

[[quote 6]]

Andra omgången av WTCR körs på Estorilbanan i Portugal den 25–27 juni.
"""

# The weekend's English quotes in the order the release places them (their
# `order` in racing/demo/weekend.py is 0-5), and the Swedish ones written here.
SV_QUOTES = [
    "Jag hade inte väntat mig poäng med tanke på våra förutsättningar.",
    "Banan är en av världens tuffaste och vi har inte kört på den lika mycket som "
    "våra konkurrenter, så med tanke på det var det positivt hur mycket vi "
    "utvecklades under helgen.",
    "Det ostadiga vädret på de fria träningarna, med skiftande förhållanden, var "
    "också en stor utmaning och gjorde det inte lättare att lära sig den nya bilen "
    "och banan.",
    "Efter de tekniska problemen i kvalet är jag väldigt nöjd med att jag lyckades "
    "ta mina första världscuppoäng i säsongspremiären. Jag är också glad att jag "
    "lyckades förbättra mina varvtider så mycket, det visar att det finns god "
    "kapacitet. Det tar ett tag att lära sig den nya bilen, däcken och den här "
    "banan, som räknas som världens tuffaste. Så med tanke på omständigheterna gick "
    "helgen mycket bättre än jag hade väntat mig.",
    "Jag hade några missar på mitt kvalvarv, men jag tycker ändå att det var över "
    "förväntan att kvala som 17:e och slå flera av världens bästa förare, som "
    "dessutom har mer erfarenhet av den här banan.",
    "I första racet fick jag en riktigt dålig start och låg sist efter starten. "
    "Men jag körde mig upp några placeringar och farten i bilen kändes bra. Till "
    "andra racet gjorde vi några justeringar på bilen för att göra den ännu "
    "snabbare, men tyvärr blev jag inblandad i en startkrasch redan in i andra "
    "kurvan på första varvet. Jag hann inte undvika bilen framför mig och bilen "
    "skadades, vilket gjorde att jag fick bryta racet. Så det var synd, men vi får "
    "komma tillbaka starkare till nästa race.",
]
SV_QUOTE_ORDER_OFFSET = 100  # keeps the Swedish quotes apart from the English 0-5


def _save_report(*, slug, defaults, quotes, drivers):
    # Saved only when something differs, so a second load keeps updated_at
    # (and with it the pages' Last-Modified) as it was.
    report = RaceReport.objects.filter(slug=slug).first() or RaceReport(slug=slug)
    if report.pk is None or any(
        getattr(report, name) != value for name, value in defaults.items()
    ):
        for name, value in defaults.items():
            setattr(report, name, value)
        report.save()
    report.drivers.set(drivers)
    report.sessions.clear()
    ReportQuote.objects.filter(report=report).exclude(
        quote__in=[quote.pk for quote in quotes]
    ).delete()
    for number, quote in enumerate(quotes, start=1):
        ReportQuote.objects.update_or_create(
            report=report, quote=quote, defaults={"order": number}
        )
    return report


def load(*, event, drivers) -> dict:
    english_quotes = list(
        Quote.objects.filter(event=event, language="en", order__lt=len(SV_QUOTES))
        .select_related("driver")
        .order_by("order")
    )
    swedish_quotes = []
    for english, text in zip(english_quotes, SV_QUOTES, strict=True):
        quote, _ = Quote.objects.update_or_create(
            event=event,
            driver=english.driver,
            order=SV_QUOTE_ORDER_OFFSET + english.order,
            defaults={
                "session": english.session,
                "text": text,
                "language": "sv",
                "is_published": True,
            },
        )
        swedish_quotes.append(quote)

    common = {
        "event": event,
        "status": RaceReport.Status.PUBLISHED,
        "publish_at": PUBLISHED_AT,
        "show_results": True,
    }
    english = _save_report(
        slug=EN_SLUG,
        defaults={
            **common,
            "language": "en",
            "translation_of": None,
            "title": EN_TITLE,
            "lead": EN_LEAD,
            "body": EN_BODY,
        },
        quotes=english_quotes,
        drivers=drivers,
    )
    swedish = _save_report(
        slug=SV_SLUG,
        defaults={
            **common,
            "language": "sv",
            "translation_of": english,
            "title": SV_TITLE,
            "lead": SV_LEAD,
            "body": SV_BODY,
        },
        quotes=swedish_quotes,
        drivers=drivers,
    )
    return {"report": english, "report_sv": swedish}
