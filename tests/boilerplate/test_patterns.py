"""Tests for tasks.boilerplate.patterns: furniture lines in several languages, and news sentences like them."""

from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]

import polars as pl
import pytest

from tasks.boilerplate.literals import python_regex
from tasks.boilerplate.patterns import (
    END_MARKER,
    FURNITURE,
    _anchored_apart,
    _branches,
    furniture_codes,
    matches,
    short_lower,
)


def code(text: str) -> str | None:
    """The furniture code of one paragraph (None when no pattern names it)."""
    return furniture_codes(pl.DataFrame({"text": [text], "n_chars": [len(text)]}))[0]


# de, fr, es, it, pt, pl, nl and en: the languages of the multilingual snippet set
FURNITURE_LINES = [
    # newsletter and e-mail sign-up prompts
    ("Gib deine E-Mail-Adresse ein, um keinen Beitrag zu verpassen.", "newsletter"),
    ("Abonnieren Sie unseren Wochenbrief.", "newsletter"),
    ("Hier klicken, um diesen Blog kostenlos zu abonnieren", "newsletter"),
    ("Benachrichtige mich über neue Beiträge via E-Mail.", "newsletter"),
    ("Les meilleures recettes dans votre boîte mail chaque lundi.", "newsletter"),
    ("Recibe las noticias del día en tu bandeja de entrada", "newsletter"),
    ("Die Top-News direkt in Ihr Postfach!", "newsletter"),
    ("Inscrivez-vous pour recevoir nos alertes.", "newsletter"),
    ("Every day we send an email with the top stories from Digg.", "newsletter"),
    ("The next issue of Top Stories will soon be in your inbox.", "newsletter"),
    ("Jeden Montag die Topstorys der Woche aus der Sportredaktion", "newsletter"),
    ("Subscribe to Deadline Breaking News Alerts and keep your inbox happy", "newsletter"),
    ("News Your Way: Get KHOU.com headlines delivered to your favorite RSS reader.", "newsletter"),
    ("Mit Absenden erklärst du dich mit der DSGVO-konformen Datenverarbeitung einverstanden", "newsletter"),
    ("电邮新闻头条新闻就在您的每日新闻信里", "newsletter"),
    ("Follow TechRadar on Google News and add us as a preferred source to get our expert news.", "follow_us"),
    ("From here you can use the Social Web links to save this story to a social bookmarking site.", "follow_us"),
    ("Подписывайтесь на автора:", "follow_us"),
    ("Nur angemeldete Benutzer können kommentieren und bewerten.", "account"),
    ("Only registered users can comment.", "account"),
    ("Support Snopes and make a difference for readers everywhere.", "appeal"),
    ("Promoted Stories", "interface"),
    ("Fehler auf taz.de entdeckt?", "comment_rules"),
    (
        "Sollten Ihnen Fehler aufgefallen sein, schicken Sie uns gerne eine E-Mail an fehlerhinweis@taz.de!",
        "comment_rules",
    ),
    ("Spotted a typo? Let us know.", "comment_rules"),
    ("¿Has visto un error? Escríbenos.", "comment_rules"),
    (
        "Dann beschreiben Sie bitte das Problem, die Redaktion wird diesen Kommentar genauer prüfen.",
        "comment_rules",
    ),
    ("Pressens Faglige Utvalg (PFU) er et klageorgan oppnevnt av Norsk Presseforbund.", "copyright"),
    ("Your privacy is important to us. Any information you provide may be stored on our servers.", "copyright"),
    ("Auch ein Totalverlust des eingesetzten Kapitals kann nicht ausgeschlossen werden.", "copyright"),
    ("Email comments and suggestions for fact-checks to truth@example.com.", "comment_rules"),
    ("Got a confidential news tip? We want to hear from you.", "comment_rules"),
    ("Are you affected by the issues in this story? Send us your experiences using the form below.", "comment_rules"),
    ("Example Media may use my email address along with my interests to send me tailored offers.", "appeal"),
    (
        "Mit „Zehn vor Zwölf“ bekommst du jeden Mittwoch deinen Mittags-Snack in den Posteingang. Jetzt anmelden!",
        "appeal",
    ),
    ("Erhalten Sie alle News-Highlights direkt per Browser-Push.", "interface"),
    ("Sie haben die Pushnachrichten abonniert.", "interface"),
    # subscription, log-in state, donation and support appeals
    ("Instant access to the full magazine archive.", "subscription"),
    ("Your subscription will auto-renew every year.", "subscription"),
    ("Already have an account? Sign in", "subscription"),
    ("Create an account or sign in to continue with your reading experience.", "subscription"),
    ("Signed in as Guest Sign in or Join", "subscription"),
    ("Sie sind derzeit nicht angemeldet.", "subscription"),
    ("Bereits PUR-Abonnent? Hier anmelden.", "subscription"),
    ("Über dieses Thema berichtete die tagesschau am 03. August 2020 um 08:00 Uhr.", "byline"),
    ("Récit Par Pierre Alonso", "byline"),
    ("Written by Jo Lee Edited by Ana Gil", "byline"),
    ("Herausgegeben von Jo Lee, Ana Gil, Max Roe", "byline"),
    ("Redaktion: Jo Lee, Ana Gil Faktencheck: Max Roe", "byline"),
    ("Beitrag von Eva Lee", "byline"),
    ('Dieser Artikel ist zuerst bei "Capital" erschienen.', "byline"),
    ("Article réservé aux abonnés", "subscription"),
    ("Mit dem PUR-Abo liest du ohne Werbetracking.", "subscription"),
    ("Unlock instant access to exclusive member features.", "subscription"),
    ("To read this article in full you must be registered with the site.", "subscription"),
    ("El contenido al que quiere acceder es exclusivo para suscriptores.", "subscription"),
    ("有料会員になると会員限定の有料記事もお読みいただけます。", "subscription"),
    ("Permalink: https://www.example.com/-abc12", "interface"),
    ("Link kopiert!", "interface"),
    ("€ 2.549,00 inkl. MwSt. Solange der Vorrat reicht", "interface"),
    ("Durchschnittliche Bewertung: 4,5", "interface"),
    ("Notifications can be managed in browser preferences.", "interface"),
    ("2 Wochen kostenlos testen", "subscription"),
    ("Link copied to clipboard", "interface"),
    ("To improve your visit to our site, take a minute and upgrade your browser.", "interface"),
    ("Ihr Browser ist veraltet.", "interface"),
    ("Die Kommentare im Forum geben nicht notwendigerweise die Meinung der Redaktion wieder.", "comment_rules"),
    ("Bitte registrieren Sie sich und halten Sie sich an unsere Netiquette.", "comment_rules"),
    ("An dieser Stelle finden Sie externen Inhalt, der den Artikel ergänzt. Sie können ihn anzeigen lassen.", "cookie"),
    ("To view this third-party content, please allow cookies.", "cookie"),
    (
        "À tout moment, vous pouvez modifier vos choix via le bouton « paramétrer les cookies » en bas de page.",
        "cookie",
    ),
    ("Vous pouvez également paramétrer les cookies en cliquant « PARAMÉTRER MES CHOIX » ci-dessous.", "cookie"),
    ("Got a story? Get in touch with our news team by emailing us at news@example.co.uk.", "comment_rules"),
    ("Follow Metro.co.uk on Twitter and Facebook for the latest news updates.", "follow_us"),
    ("For more stories like this, check our news page.", "read_more"),
    ("Melden Sie sich jetzt mit Ihrem bestehenden Account an oder testen Sie unser digitales Abo.", "subscription"),
    ("Déjà abonné ? Connectez-vous.", "subscription"),
    ("Regístrate o inicia sesión para seguir tus temas favoritos.", "subscription"),
    ("Masz aktywną subskrypcję? Zaloguj się.", "subscription"),
    ("Jetzt spenden!", "subscription"),
    ("Donate", "subscription"),
    ("Please consider supporting our newsroom with a monthly gift.", "subscription"),
    ("Ihre Spende hilft uns, unabhängig zu bleiben.", "subscription"),
    ("Unterstützen Sie unseren Journalismus mit einem Abo.", "subscription"),
    ("Wesprzyj nas dowolną kwotą.", "subscription"),
    ("Soutenez-nous en faisant un don.", "subscription"),
    ("Hazte socio y apoya el periodismo local.", "subscription"),
    ("Log in or register to post a comment.", "subscription"),
    # "read also" and related-content labels
    ("Czytaj też: Nowy most otwarty", "read_more"),
    ("À lire aussi » Le pont ouvre au printemps", "read_more"),
    ("Lea también: El puente abre en primavera", "read_more"),
    ("Leggi anche: Il ponte apre in primavera", "read_more"),
    ("Lees ook: De brug gaat open", "read_more"),
    ("Weiterlesen … Die Brücke ist fertig", "read_more"),
    ("Das könnte Sie auch interessieren:", "read_more"),
    ("Auch interessant:", "read_more"),
    ("Ähnliche Beiträge", "read_more"),
    ("Schon gelesen?", "read_more"),
    ("Artículos relacionados", "read_more"),
    ("Zahnarzt Jost Jahn hat den Kometen entdeckt. Er trägt jetzt den Namen seines Entdeckers. mehr", "read_more"),
    # comments closed, none yet, comment-form fields and help
    ("Die Kommentarfunktion ist geschlossen.", "comments"),
    ("Les commentaires sont fermés.", "comments"),
    ("Um einen Kommentar schreiben zu können, müssen Sie sich registrieren und eingeloggt sein.", "comments"),
    ("Trackback: http://tb.example.net/TrackBack.aspx?PostId=543698", "comments"),
    ("Es gibt noch keine Kommentare.", "comments"),
    ("Keine Kommentare (Kommentare erscheinen erst nach Freigabe)", "comments"),
    ("Name (erforderlich)", "comments"),
    ("Votre adresse e-mail ne sera pas publiée.", "comments"),
    ("Um diesen Beitrag kommentieren zu können, müssen Sie angemeldet sein.", "comments"),
    ("Pour créer des paragraphes, laissez simplement des lignes vides.", "comments"),
    ("Lines and paragraphs break automatically.", "comments"),
    ("Comment by Jo Lee — 17.07.2011 @ 14:29", "byline"),
    # copyright, licence and affiliate notices
    ("Materiał chroniony prawem autorskim. Wszelkie prawa zastrzeżone.", "copyright"),
    ("Alle rechten voorbehouden", "copyright"),
    ("Alle Texte stehen unter einer Creative Commons Lizenz.", "copyright"),
    ("This blog is a participant in the Amazon Services LLC Associates Program.", "copyright"),
    ("This post contains affiliate links.", "copyright"),
    ("We may earn a commission when you buy through links on this page.", "copyright"),
    ("Für Käufe über diese Links erhalten wir eine kleine Provision.", "copyright"),
    ("When you purchase through links on our site, we may earn an affiliate commission.", "copyright"),
    ("Postmedia may earn an affiliate commission from purchases made through links on this page.", "copyright"),
    # share prompts and follow-us lines
    ("Beitrag teilen:", "follow_us"),
    ("Partager", "follow_us"),
    ("Partager via :", "follow_us"),
    ("Add Global News as a Preferred Source on Google to see more of our stories.", "follow_us"),
    ("Condividi su", "follow_us"),
    ("Folge uns auf Instagram!", "follow_us"),
    ("Únete a nuestro canal de Telegram", "follow_us"),
    # credits closing a caption, source lines, dated update lines, interface notices
    ("Die Bürgermeisterin eröffnet die Brücke. © AFP / Jo Lee", "caption"),
    ("Die neue Brücke über den Fluss. (Bildquelle: Stadt Ulm)", "caption"),
    ("La alcaldesa en el puente. Foto: LN", "caption"),
    ("The mayor opens the bridge in Springfield, Ill., on Tuesday. (AP Photo/Jo Lee)", "agency_caption"),
    ("Fans wave flags before the final in Lyon. (Reuters/Jo Lee)", "agency_caption"),
    ("Quelle: Stadtverwaltung", "caption"),
    ("Фото: Дмитрий Азаров, Коммерсантъ", "caption"),
    ("이재명 후보가 15일 순천시에서 열린 유세에서 연설하고 있다. 연합뉴스", "caption"),
    ("写真：共同通信", "caption"),
    ("Stand: 5. Februar 2020", "byline"),
    ("Lesezeit: 3 Min.", "byline"),
    ("Lecture 4 min.", "byline"),
    ("5 min de lecture", "byline"),
    ("Meg Kinnard and Errin Haines, Associated Press", "byline"),
    ("Robert Burns, AP National Security Writer", "byline"),
    ("Aktualisiert am 19.02.2020", "byline"),
    ("The next issue of NP Posted will soon be in your inbox.", "newsletter"),
    ("Want to discuss? Please read our Commenting Policy first.", "comment_rules"),
    ("Example News would like to send you push notifications.", "interface"),
    ("Sie befinden sich hier:", "interface"),
    ("Vous êtes ici :", "interface"),
    ("To use this site, please disable the ad blocking feature and reload the page.", "interface"),
    ("Stai utilizzando Internet Explorer: è un browser molto vecchio, non sicuro.", "interface"),
    ("lade Kommentare...", "interface"),
    ("Die Artikel-URL wurde erfolgreich in Ihrer Zwischenablage gespeichert.", "interface"),
    ("Forsøg igen senere.", "interface"),
    ("Klicken Sie auf den Button, um den Inhalt von www.example.de zu laden.", "interface"),
]


# news sentences with the same words (comments, support, share, source, subscribe)
NEWS_SENTENCES = [
    "Die Polizei fand ihre E-Mail-Adresse auf einem Zettel.",
    "Millionen Menschen abonnieren den Kanal des Moderators.",
    "Die Kommentare des Ministers sorgten für Ärger.",
    "Keine Kommentare gab es vom Ministerium zu den Vorwürfen.",
    "No comments were made by the police after the arrest.",
    "The report will not be published until May.",
    "Auch interessant ist, dass die Brücke billiger wurde.",
    "Mehr Themen standen auf der Tagesordnung des Rates.",
    "Ähnliche Beiträge zahlen auch die Nachbargemeinden.",
    "Weiterlesen konnte er die Akte erst nach dem Urteil.",
    "The charity said donors support its work in the region.",
    "Unterstützen Sie die Reform, fragte der Reporter den Minister.",
    "Die Spende von 5.000 Euro half dem Tierheim durch den Winter.",
    "The firm will receive compensation from the state for the delay.",
    "Teilen sich die Gemeinden die Kosten, wird die Brücke billiger.",
    "You are here: in the hall where the treaty was signed.",
    "Nobody was hurt in the fire, according to the Associated Press.",
    "Lecture 4 minutes later: the hall was empty.",
    "The rise of ad blocking poses a threat to the internet, the report said.",
    "Der Komet ist nun heller als je zuvor, sagen die Forscher, und er wird heller: immer mehr",
    "Partager via les réseaux a changé la campagne.",
    "Stand der Ermittlungen ist, dass der Brand gelegt wurde.",
    "Das Bild: Die Brücke ist nach zwei Jahren fertig.",
    "Auf dem Logo stehen ein © und der Name der Firma.",
    "Die Drohung landete in ihrem Postfach.",
    "Die Eltern wurden per E-Mail informiert.",
    "We receive compensation only after the ruling, she said.",
    '"We need your help," the mayor told the volunteers.',
    "Mr. AndrÃ© Guilbaud Nuclear Non-Proliferation Officer",
    "Nach dem Streik blieben viele Busse auf des lignes vides.",
    "Quellen aus dem Rathaus bestätigten den Termin.",
    "Die Zahl der Abonnenten stieg 2023 um ein Drittel.",
    "Bereits 2019 hatte der Verlag ein Digitalabo eingeführt.",
    "Die Firma will ihren Browser bis Ende des Jahres aktualisieren.",
    "Die Meinung der Redaktion zu den Kommentaren des Ministers ist bekannt.",
    "Externe Inhalte machen ein Drittel der Sendezeit aus, sagte der Intendant.",
    "El Congreso inició sesión a las diez con el debate de la ley.",
    "Die Kandidaten melden sich bis Freitag beim Wahlamt.",
    "Sie sind nicht angemeldet worden, sagte die Behörde.",
    "Jan. 27, 2005: Iraqi-Americans register to vote in Jan. 30 Iraqi national elections .",
    "Vous pouvez modifier vos choix jusqu'à vendredi, a rappelé le ministère.",
    "Police investigate removal of street sign in Peckham as alleged theft",
    "You can use the plus sign in several ways.",
]


def test_end_markers_fit_the_furniture_scans_lower_cased_text() -> None:
    """The rules match end markers on `short_lower`'s text: their cap is within its 400 characters."""
    text = "Leave a comment " * 30
    assert END_MARKER.max_chars <= max(f.max_chars for f in FURNITURE.values())
    assert (
        pl.select(matches(short_lower(pl.lit(text), pl.lit(len(text))), pl.lit(len(text)), END_MARKER)).item() is False
    )


def _repeats_a_word_class(items: list, bounded: bool = False) -> bool:
    """Whether a parsed regex repeats a Unicode word class (`\\w`, `\\W`) a bounded number of times."""
    words = {(sre.CATEGORY, sre.CATEGORY_WORD), (sre.CATEGORY, sre.CATEGORY_NOT_WORD)}
    for op, av in items:
        if op == sre.IN:
            found = bounded and bool(words & set(av))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            found = _repeats_a_word_class(av[2], bounded or 1 < av[1] < sre.MAXREPEAT)
        elif op == sre.SUBPATTERN:
            found = _repeats_a_word_class(av[-1], bounded)
        elif op == sre.BRANCH:
            found = any(_repeats_a_word_class(branch, bounded) for branch in av[1])
        else:
            found = False
        if found:
            return True
    return False


def test_scanned_alternatives_repeat_no_unicode_word_class() -> None:
    """An alternative scanned at every position keeps to classes the joined scan's DFA can hold: a
    bounded repetition of `\\w` in one (`[\\w ]{0,30}`) took the flag from 5.8 to 32 µs a BBC paragraph."""
    assert _repeats_a_word_class(_parser.parse(r"a[\w ]{0,30}b"))
    assert not _repeats_a_word_class(_parser.parse(r"a[a-z ]{0,30}\w+"))
    heavy = [
        b
        for f in FURNITURE.values()
        for b in _branches(f.regex)
        if not b.startswith("^") and _repeats_a_word_class(_parser.parse(python_regex(b)))
    ]
    assert heavy == []


def test_end_marker_alternatives_anchored_apart_cover_the_whole_pattern() -> None:
    """The end markers' two scans are the pattern's alternatives anchored at the start and the
    others, each once, in order: a text matches the pair when it matches the whole pattern."""
    anchored, others = _anchored_apart(END_MARKER.regex)
    branches = _branches(END_MARKER.regex)
    assert anchored.startswith("^") and not others.startswith("^")
    assert [b for b in branches if b.startswith("^")] == _branches(anchored)
    assert [b for b in branches if not b.startswith("^")] == _branches(others)
    assert _anchored_apart("^a|^b") == ["^a|^b"]


def is_end_marker(text: str) -> bool:
    """Whether one paragraph reads as an end-of-article marker."""
    return pl.select(matches(pl.lit(text).str.to_lowercase(), pl.lit(len(text)), END_MARKER)).item()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # headings that end an article in other languages, with or without a colon
        ("Über die Autorin:", True),
        # and in German's gender-inclusive spellings
        ("Über die Autor:in", True),
        ("Über die Autor*innen", True),
        ("Über den Autor/ die Autorin", True),
        ("Das könnte Sie auch interessieren:", True),
        ("Weitere Artikel", True),
        ("À propos de l'auteur", True),
        ("Sur le même sujet", True),
        ("Sobre el autor", True),
        ("Notícias relacionadas", True),
        ("Articoli correlati", True),
        ("Podobne artykuły", True),
        ("Komentarze", True),
        ("Gerelateerde artikelen:", True),
        ("Reacties", True),
        ("Quellen:", True),
        # a comment section's heading with its count
        ("All Comments 4", True),
        ("Kommentare: 10", True),
        ("Comments (12)", True),
        # a notice that comments are closed
        ("Comments have now been closed on this entry.", True),
        ("This entry is now closed for comments", True),
        # a site's heading over its other stories
        ("Also on HuffPost:", True),
        ("More from Example News", True),
        # sentences that open with the same words, and an English field label
        ("Also on Tuesday, the council voted to close the pool.", False),
        ("Über den Autor ist wenig bekannt.", False),
        ("Über die Autorinnen des Berichts ist wenig bekannt.", False),
        ("Weitere Artikel folgen in der nächsten Ausgabe.", False),
        ("Sobre el autor del ataque no hay datos.", False),
        ("Reacties van de buren waren positief.", False),
        ("Quellen: dpa, AFP", False),
        ("Comments 4 and 5 of the minister were cut.", False),
        ("The consultation closed for comments on 5 May.", False),
        ("Comment:", False),
    ],
)
def test_end_markers_in_other_languages(text: str, expected: bool) -> None:
    """Whole-line headings end the article; sentences that open with their words do not."""
    assert is_end_marker(text) is expected


APPEALS = [
    "Stay informed with The Daily Example, your source for credible journalism. Get in-depth reporting and opinions"
    " for only $8 a month. Invest in journalism, invest in democracy – Subscribe Now!",
    "Eine Newsübersicht am Morgen und zum Feierabend, überraschende Storys und Breaking News: Abonniere den"
    " WhatsApp-Kanal von Example und du bekommst regelmässige Updates direkt auf dein Handy.",
    "Bleiben Sie auf dem Laufenden mit unserem kostenlosen Newsletter: jeden Morgen die wichtigsten Meldungen aus der Stadt,"
    " dazu Termine und Tipps fürs Wochenende. Abbestellen können Sie ihn jederzeit mit einem Klick.",
    "Od dwudziestu lat piszemy o naszym mieście bez reklam i bez płatnych treści, a nasza praca jest możliwa tylko dzięki"
    " czytelnikom. Wesprzyj nas darowizną lub przekaż nam 1% podatku.",
    "Hacemos periodismo local desde hace cuarenta años, sin muros de pago y sin publicidad oficial, porque creemos que la"
    " información es un bien público. HAZTE MIEMBRO Y DISFRUTA DE BENEFICIOS EXCLUSIVOS.",
    "Follow the Daily Example on Twitter and Instagram @DailyExample and on Facebook @DailyExampleNews. Send us a message"
    " on WhatsApp or email us at newsdesk@example.com with your story ideas and tips.",
    "Advertising helps fund our journalism and keep it truly independent. It helps to build our international editorial"
    " team, from war correspondents to investigative reporters.",
]

APPEAL_LOOKALIKES = [
    "The streaming service told investors on Tuesday that it had lost two million customers in the quarter, and its"
    " chief executive said the price rise had not made fewer people willing to subscribe now.",
    "Die Polizei informierte die Anwohner über ihren WhatsApp-Kanal, nachdem der Strom am Abend in der ganzen Stadt"
    " ausgefallen war, und bat sie, die Feuerwehr nur in Notfällen anzurufen.",
    "Stay informed about the risks, the health minister urged parents on Monday, as the agency published new figures"
    " showing that cases among children had doubled since the start of the school year.",
    "„Unterstützen Sie uns“, riefen die Demonstranten den Abgeordneten zu, als diese am Dienstagmorgen das Rathaus"
    " betraten, um über die Schließung der beiden Stadtteilbibliotheken abzustimmen.",
    "Fundacja zebrała już dwa miliony złotych. Jej prezes apelował w piątek do darczyńców: wesprzyj nas, bo zima będzie"
    " długa, a schronisko potrzebuje nowego dachu i ogrzewania dla ponad stu psów.",
]


def _assert_longer_than_the_caps(lines: list[str], lookalikes: list[str], expected: str, caps: tuple[int, int]) -> None:
    """Each of `lines` gets `expected` and none of `lookalikes` gets a code, all of them between the
    shorter patterns' cap and the longer pattern's (`caps`), so the test reaches the longer pattern."""
    assert all(caps[0] < len(text) <= caps[1] for text in lines + lookalikes)
    assert [code(text) for text in lines] == [expected] * len(lines)
    assert [code(text) for text in lookalikes] == [None] * len(lookalikes)


def test_long_appeals_opening_a_paragraph_or_its_last_sentence() -> None:
    """Appeals longer than the newsletter and subscription caps are flagged as appeals; news sentences with their words are not."""
    _assert_longer_than_the_caps(APPEALS, APPEAL_LOOKALIKES, "appeal", (160, 300))


# A news agency's captions over the caption cap (200 characters), and news paragraphs as long with their words
AGENCY_CAPTIONS = [
    "In this Dec. 12, 2006, file photo, made available by NASA, astronaut Jo Lee, left, and astronaut Ann Berg,"
    " participate in a space walk during construction of the International Space Station. (NASA via AP, File)",
    "Jamaica's runner, second from left, wins his men's 200-meter semifinal over South Africa's sprinter, right,"
    " during the athletics in the Olympic Stadium at the 2012 Summer Olympics, London. (AP Photo/Jo Lee)",
    "FILE - Supporters cheer as the mayor speaks at a campaign event at a high school in Springfield, Ill., on"
    " Tuesday, Aug. 27, 2024, two weeks before the city votes on whether to build the new bridge over the river.",
    "In this undated photo, released by the city of Springfield, workers lay the first stones of the new bridge"
    " over the river that the council had voted to build after the great flood of the previous spring.",
    "This undated file photo shows the pilot beside her plane. A group of historians has launched an expedition"
    " to find the wreck of the plane she flew when she went missing over the ocean 75 years ago. (AP Photo)",
]
AGENCY_CAPTION_LOOKALIKES = [
    "In this photo, you can still see a few bits of glue on the frame. You can decide how picky you want to be"
    " about those, but I scraped them off with a blade before I painted the whole thing in two coats.",
    "The agency said its photographers had filed more than 2,000 pictures from the games, and that the pictures"
    " it sold to papers via AP and Reuters were the most it had ever licensed in a single week (AP photo desk).",
    "In this year's election the mayor, who has held the office since 2016, faces three rivals, the most since"
    " the city began electing its mayor directly, and the first debate is due on Tuesday in the town hall.",
]


def test_news_agency_captions_longer_than_the_caption_cap() -> None:
    """An agency's caption is flagged up to 400 characters; paragraphs as long with its words are not."""
    _assert_longer_than_the_caps(AGENCY_CAPTIONS, AGENCY_CAPTION_LOOKALIKES, "agency_caption", (200, 400))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Stadtwerke Ulm Karlstraße 1 89073 Ulm Tel.: 0731 166-0 Fax: 0731 166-4900 E-Mail: info@example.de",
            "contact",
        ),
        ("Pressestelle E-Mail: presse@example.org Telefon: +49 (0)30 / 1234-567", "contact"),
        ("Tél : 71 341 066 Email : redaction@example.tn", "contact"),
        ("Hinweise nimmt die Polizei unter Tel. 0731 188-0 oder per E-Mail an ulm@example.de entgegen.", None),
        ("The phone 0800 123 456 rang twice before the e-mail arrived.", None),
    ],
)
def test_contact_blocks(text: str, expected: str | None) -> None:
    """A phone number with a fax or e-mail in a line that ends no sentence is a contact block; a sentence is not."""
    assert code(text) == expected


# Legal footers longer than every pattern's cap, and long news paragraphs with the same words.
LONG_LEGAL_FOOTERS = [
    "© 2020 Example Media Group. All rights reserved. Use of this site constitutes acceptance of our User Agreement",
    "Copyright and Trade Mark Notice © 2008 owned by or licensed to Example Newspapers Limited.",
    "Alle Inhalte © Copyright 2000 - 2023 Beispiel-TV. Alle Rechte vorbehalten.",
    "Â©Example Newspapers Limited in England No. 123456 Registered office: 1 Bridge Street, London.",
]
LONG_NEWS_ABOUT_COPYRIGHT = [
    "Copyright holders argued in court on Monday that the 1998 law no longer protects them.",
    "The judge said the photograph, first published in a 1978 catalogue, was never registered. (c) notices were rare.",
]


def test_long_legal_footers_open_with_their_notice() -> None:
    """Past every cap, a paragraph that opens with ©, or holds © and a year in its first 80 characters, is a legal footer; news about copyright is not."""
    filler = " This material may not be published, broadcast, rewritten or redistributed without permission." * 4
    assert [code(text + filler) for text in LONG_LEGAL_FOOTERS] == ["copyright"] * 4
    assert [code(text + filler) for text in LONG_NEWS_ABOUT_COPYRIGHT] == [None] * 2


def test_copyright_lines_behind_a_garbled_sign() -> None:
    """A copyright line whose © the page's encoding garbled (UTF-8 read as Latin-1 or
    Windows-1251, or lost to "?") or written "(C)" is a legal footer; "copyright" and a year after
    a word is news."""
    garbled = [
        "Â© Copyright 2018 Example Media, LLC.",
        "Г‚В© Copyright 2018 Example Media, LLC, a subsidiary of Example Holdings.",
        "?? Copyright 2018 Example Derby, a subsidiary of Example Holdings, LLC.",
        "(C) Copyright 2004 from Jo Lee's project pages.",
        "Â© Example Publishing Limited. Under licence from Jo Lee.",
    ]
    news = ["The copyright 2019 ruling was appealed.", "Its copyright 2019 filing was rejected by the court."]
    assert [code(text) for text in garbled] == ["copyright"] * len(garbled)
    assert [code(text) for text in news] == [None] * 2


# legal names, cookie notices, feedback calls and widgets in several languages
LEGAL_AND_WIDGET_LINES = [
    # privacy policy and legal notice by name, disclaimers, affiliate commission
    ("Bitte stimmen Sie unserer Datenschutzerklärung zu.", "copyright"),
    ("Impressum | Datenschutz | Kontakt", "copyright"),
    ("Akceptuję politykę prywatności serwisu.", "copyright"),
    ("(Alle Angaben ohne Gewähr)", "copyright"),
    ("All quotes delayed a minimum of 15 minutes.", "copyright"),
    ("Disclosure: Example News may earn a commission from products featured here.", "copyright"),
    # press-ethics and complaints notices, a wire story run unedited
    ("This website follows the Example Code of Ethics.", "copyright"),
    ("We strive for accuracy. For details of our complaints policy, click here.", "copyright"),
    ("Die Redaktion hat diese Meldung redaktionell nicht bearbeitet.", "copyright"),
    ("(This story has not been edited by Example News staff and is published from a syndicated feed.)", "copyright"),
    # cookie notices in other languages
    ("Diese Website verwendet Cookies, um Ihnen die beste Erfahrung zu bieten.", "cookie"),
    ("Ta strona używa plików cookie. Korzystając z niej, wyrażasz zgodę.", "cookie"),
    ("Sitemizde çerezler kullanılmaktadır.", "cookie"),
    ("Tento web používá soubory cookie k poskytování služeb.", "cookie"),
    ("Was sind Cookies?", "cookie"),
    ("Deine Privatsphäre-Einstellungen verhindern das Laden externer Inhalte.", "cookie"),
    # calls for tips, corrections and feedback
    ("Fehler gefunden? Schreiben Sie uns.", "comment_rules"),
    ("Wenn Sie Anmerkungen zu diesem Artikel haben, schreiben Sie der Redaktion.", "comment_rules"),
    ("Vous avez repéré une erreur ?", "comment_rules"),
    ("Have a Tip?", "comment_rules"),
    ("Please be mindful of our community standards.", "comment_rules"),
    # page interface: rating widgets, print and search labels, comment loaders, notifications
    ("Please give an overall site rating:", "interface"),
    ("Artikel drucken", "interface"),
    ("Rechercher :", "interface"),
    ("Loading Comments...", "interface"),
    ("Turn on desktop notifications?", "interface"),
    ("Remember Me", "interface"),
    # a log-in or password form's lines
    ("Don't have an account? Create Account", "account"),
    ("A new password will be emailed to you.", "account"),
    ("Du musst dich EINLOGGEN um einen Kommentar abzugeben.", "account"),
    ("Nog geen abonnee? Ontdek nu gratis onze plusartikels.", "account"),
    ("Lütfen gelen kutunuzu veya spam (önemsiz) klasörünü kontrol edin.", "account"),
    ("비밀번호가 변경되었습니다.", "account"),
    ("이미 가입된 회원입니다.", "account"),
    ("만 14세 이상만 회원으로 가입하실 수 있습니다.", "account"),
    ("기사 URL이 복사되었습니다.", "interface"),
    ("아래 이미지를 보이는 대로 입력해주세요.", "interface"),
    ("Wir haben Dir eine E-Mail gesendet. Bitte bestätige Deine Anmeldung.", "account"),
    ("Zur Darstellung benötigen Sie JavaScript. Bitte aktivieren Sie es in Ihrem Browser.", "interface"),
    ("JavaScript ist deaktiviert.", "interface"),
    ("Per favore utilizza un browser moderno come Firefox.", "interface"),
    # newsletter, subscription, share prompts, captions, author boxes, appeals
    ("L'actu du jour tous les matins par email", "newsletter"),
    ("Get our analysis delivered right to your inbox.", "newsletter"),
    ("S'abonner au journal à partir de 1 €", "subscription"),
    ("Like this story? Share it with a friend!", "follow_us"),
    ("Beitragsbild: Die Brücke im Winter", "caption"),
    ("Life is short. Zeige alle Beiträge von Jo Lee", "byline"),
    ("Wenn Ihnen der Artikel gefallen hat, freuen wir uns über eine kleine Spende per PayPal.", "appeal"),
    # bank details, an address with a postcode and phone, a toll-free number
    ("IBAN: DE12 3456 7890 1234 5678 90 BIC: EXAMPLEXXX", "contact"),
    ("Tierhilfe Ulm Hauptstraße 1 89073 Ulm Tel. 0731 / 12 34 5", "contact"),
    ("Main office: (555) 010-0000 Toll Free: (800) 555-0100", "contact"),
]


# news sentences naming community guidelines, cookies, errors, quotes, print
NEWS_SENTENCES_LIKE_LEGAL_AND_WIDGETS = [
    "Every day we send a crew to check the river levels.",
    "The top stories in his inbox were warnings from the bank.",
    "Jeden Montag die wichtigsten Termine zu prüfen, gehört zu ihren Aufgaben.",
    "Nimm dir jeden Tag die Zeit für ein paar bewusste Atemzüge.",
    "Readers who subscribe to Deadline get alerts, the editor said.",
    "The story was the most read on Google News that week.",
    "Nur angemeldete Benutzer dürfen das Gelände betreten.",
    "Voters were asked to support the council and its plans for the river.",
    "Promoted stories are marked as such, the company said.",
    "Engineers spotted an error in the code hours before the launch.",
    "Der Fehler auf der Baustelle wurde erst im Mai entdeckt.",
    "Das Gerät kostet 299 Euro inkl. MwSt. und ist ab Mai erhältlich.",
    "The app has an average rating of 4.5 stars in the store.",
    "Beitrag von 20 Euro im Monat verlangt die Kasse.",
    "Redaktion: Das ist die Frage, die uns alle beschäftigt.",
    "He shared a link copied from the report with reporters.",
    "Herausgegeben von Jo Lee, Ana Gil und Max Roe, erschien der Band 1990 in Berlin.",
    "TikTok said the video violated its community guidelines.",
    "Die Datenschutzbehörde prüft die Beschwerde seit Mai.",
    "The bakery sold 300 cookies before noon on Saturday.",
    "Die Angaben der Polizei ließen sich nicht prüfen.",
    "Der Fehler wurde erst nach dem Update gefunden, sagte der Sprecher.",
    "Analysts said the quotes from the minister were taken out of context.",
    "The company may earn more from its new plant next year.",
    "The court will rate the evidence in June.",
    "Drucken ließ er die Plakate in Polen.",
    "Die Brücke kostet 20 Millionen Euro, wie die Stadt am Montag in Ulm mitteilte.",
    "Search teams found the hikers on Sunday.",
    "The BBC's director of editorial complaints reviewed the programme.",
    "The club follows the league's code of conduct, its chairman said.",
    "Die Seite zeigt ohne JavaScript nur Text.",
    "Hackers stole the password of one official, the ministry said.",
    'Betrüger verschicken Mails mit dem Betreff "Bitte bestätigen Sie Ihre Daten".',
]


# read-also labels, legal footers, follow prompts, ad and author labels in 18 more languages
OTHER_LANGUAGE_LINES = [
    ("Читайте также: Мост откроют весной", "read_more"),
    ("Подписывайтесь на наш канал в Telegram", "follow_us"),
    ("© 2024 Газета. Все права защищены.", "copyright"),
    ("Ваш адрес email не будет опубликован.", "comments"),
    ("Использование материалов сайта допускается только при наличии ссылки на издание.", "copyright"),
    ("Використання матеріалів сайту дозволяється лише з посиланням на видання.", "copyright"),
    ("Редакция не несёт ответственности за содержание рекламных материалов.", "copyright"),
    ("Материалы с пометкой PROMOTED публикуются на правах рекламы.", "copyright"),
    ("Реклама", "interface"),
    ("Текст: Анна Петрова", "byline"),
    ("Новини за темою:", "read_more"),
    ("相关新闻：", "read_more"),
    ("（责任编辑：张三）", "byline"),
    ("记者：张三 李四", "byline"),
    ("本报记者 王燕平 方云凤 柏建斌", "byline"),
    ("新京报记者 彭冲 山东冠县报道", "byline"),
    ("相关报道：", "read_more"),
    ("[图片说明1：漫画/冷洁]", "caption"),
    ("（图片来源：网络）", "caption"),
    ("西藏日报社出版|国内统一刊号：CN54—0002|邮发代号：67—1", "copyright"),
    ("京ICP证030173号", "copyright"),
    ("関連記事", "read_more"),
    ("記事の無断転載を禁じます", "copyright"),
    ("スポンサーリンク", "interface"),
    ("관련기사", "read_more"),
    ("<저작권자 ⓒ 뉴스. 무단전재 및 재배포 금지>", "copyright"),
    ("اقرأ أيضا: افتتاح الجسر في الربيع", "read_more"),
    ("جميع الحقوق محفوظة", "copyright"),
    ("کلیه حقوق این سایت محفوظ است.", "copyright"),
    ("यह भी पढ़ें: पुल वसंत में खुलेगा", "read_more"),
    ("İlgili Haberler", "read_more"),
    ("Tüm hakları saklıdır.", "copyright"),
    ("Baca juga: Jembatan dibuka musim semi", "read_more"),
    ("Xem thêm: Cầu mở cửa vào mùa xuân", "read_more"),
    ("Διαβάστε επίσης: Η γέφυρα ανοίγει την άνοιξη", "read_more"),
    ("כל הזכויות שמורות", "copyright"),
    ("Přečtěte si také: Most se otevře na jaře", "read_more"),
    ("Minden jog fenntartva.", "copyright"),
    ("Citește și: Podul se deschide în primăvară", "read_more"),
    ("Läs också: Bron öppnar i vår", "read_more"),
    ("Lue myös:", "read_more"),
]


# news sentences opening with a related-content heading's words, or naming rights
NEWS_SENTENCES_IN_OTHER_LANGUAGES = [
    "По теме выступил министр финансов.",
    "Доклад не будет опубликован до осени.",
    "Использование материалов уголовного производства в делах судей стало обычной практикой.",
    "За темою реформи виступив міністр.",
    "相关报道称，该公司将裁员。",
    "関連記事によると、同社は来年上場する。",
    "관련 기사에 따르면 정부는 예산을 늘렸다.",
    "قال الوزير إن الحقوق محفوظة للجميع.",
    "وزیر گفت کلیه حقوق کارگران پرداخت شد.",
    "İlgili haberlere göre bakanlık karar verdi.",
    "Lihat juga bagaimana warga membangun jembatan itu.",
    "Tin liên quan đến vụ cháy được cập nhật liên tục.",
    "Σχετικά άρθρα του νόμου τροποποιήθηκαν χθες.",
    "קרא גם השר לבחירות חדשות.",
    "Související náklady vzrostly o deset procent.",
    "Olvassa el a miniszter levelét, kérte a szóvivő.",
    "Vezi și tu cum arată podul, a spus primarul.",
    "Se även till att dörren är låst, sade polisen.",
    # a newsroom, a press complaints body or a browser's push service named in a news sentence
    "Die Redaktion wird den Fall weiter verfolgen, sagte der Chefredakteur.",
    "Saken er klaget inn til Pressens Faglige Utvalg av familien.",
    '"Your privacy is important to us," the company said after the breach.',
    "Den Anlegern droht ein Totalverlust des eingesetzten Kapitals, warnte die Finanzaufsicht.",
    "The agency said it would email comments and suggestions from the public to the committee.",
    "Police said they got a confidential tip about the car two days after the robbery.",
    "Survivors were asked to share their experiences with the inquiry, which reports next year.",
    '"They said they may use my email address for marketing," she told the court.',
    "Der Dienst verschickt Warnungen künftig auch als Push-Nachricht aufs Handy.",
    # an interviewer's question, after the label a byline also opens with
    "记者：你通过什么渠道最快的获取这些信息？",
    "记者：首先欢迎你来到新华网接受我们的采访。",
    # a reporter, a photo or a related report named inside a news sentence
    "记者了解到，该公司将在明年上市。",
    "据新华社记者报道，大桥将于明年春天通车。",
    "这张图片来源于一名游客的手机。",
]


def test_branches_split_a_regex_at_its_top_level_alternatives() -> None:
    """Alternatives inside groups and classes stay whole."""
    assert _branches(r"^a(?:b|c)|[|(]d|e\|f") == ["^a(?:b|c)", "[|(]d", r"e\|f"]


@pytest.mark.parametrize(("text", "expected"), [*FURNITURE_LINES, *LEGAL_AND_WIDGET_LINES, *OTHER_LANGUAGE_LINES])
def test_furniture_lines(text: str, expected: str) -> None:
    """Furniture lines of each kind, in each language listed, get their code."""
    assert code(text) == expected


@pytest.mark.parametrize(
    "text", [*NEWS_SENTENCES, *NEWS_SENTENCES_LIKE_LEGAL_AND_WIDGETS, *NEWS_SENTENCES_IN_OTHER_LANGUAGES]
)
def test_news_sentences_like_furniture_are_kept(text: str) -> None:
    """News sentences with a furniture line's words are not furniture."""
    assert code(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a most-read box's heading, alone or naming its section
        ("Meist gelesen", "read_more"),
        ("Meist geklickt in Familie und Freizeit", "read_more"),
        ("Meistkommentiert:", "read_more"),
        ("Meist gelesen in der Früh werden Zeitungen, sagt die Studie.", None),
        ("Meist geklickt wird die Rubrik Sport", None),
        # a forum's who-is-online line
        ("Mitglieder in diesem Forum: 0 Mitglieder und 3 Gäste", "interface"),
        ("Users browsing this forum: No registered users and 1 guest", "interface"),
        ("Die Mitglieder stritten im Forum über den Haushalt.", None),
        # an invitation to follow the writer or the site's channel
        ("Staff writer. You can keep up with me on Instagram: @jo_lee", "follow_us"),
        ("¿Sabías que tenemos canal de WhatsApp? Únete desde tu celular.", "follow_us"),
        ("She struggled to keep up with us on the final climb.", None),
        ("El ministerio tiene un canal de Telegram para las alertas.", None),
        # an agency credit after the writer's initials
        ("aja/PAP", "credit"),
        ("(jk/dpa)", "credit"),
        ("(Quelle: APA/sda/dpa)", "credit"),
        ("TV/AP-Umfrage zeigt Mehrheit für die Reform", None),
    ],
)
def test_snippet_set_furniture(text: str, expected: str | None) -> None:
    """Furniture the multilingual snippet set marks and the other tables lacked, and body lines with its words."""
    assert code(text) == expected
