"""Furniture patterns: the regexes that name site furniture in many languages, and their matcher."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

import polars as pl

from tasks.boilerplate.literals import minimal, required_literals


class Furniture(NamedTuple):
    """A furniture pattern, checked only on paragraphs up to `max_chars` long.

    The length cap keeps a body paragraph that merely mentions a newsletter, cookies or sharing
    from being flagged.
    """

    max_chars: int
    regex: str


_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DATE = rf"(?:\b(?:19|20)\d{{2}}\b(?:[^:0-9]|$)|\b\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}\b|\b{_MONTH}\s+\d{{1,2}}\b|\b\d{{1,2}}\s+{_MONTH})"
_TIME = r"\b\d{1,2}[:h]\d{2}\b"
# A comment form's note that the commenter's e-mail address stays private, in several languages: the
# `comments` pattern flags it and, as the form comes after the article, it is an `END_MARKER` too.
EMAIL_NOT_PUBLISHED = (
    r"(?:e-?mail|adresse|address|courriel|electrónico|indirizzo|\((?:wird|will)(?: benötigt und)?) (?:wird |will )?"
    r"(?:nicht veröffentlicht|not be published|ne sera pas publiée?|no será publicad|non (?:sarà|verrà) pubblicat"
    r"|não será publicad|wordt niet gepubliceerd|nie zostanie opublikowany)"
)
# A notice that comments are closed ("Comments are closed.", "Comments have now been closed on this entry.",
# "This entry is now closed for comments"): `comments` flags it and it is an `END_MARKER` too.
COMMENTS_CLOSED = (
    r"comments (?:are|have)(?: now)?(?: been)? closed"
    r"|this (?:entry|post|article|story|thread) is (?:now )?closed (?:for|to) (?:further )?comments"
)

# Reason code -> pattern, in priority order (the first match names the paragraph). Lower case.
FURNITURE: dict[str, Furniture] = {
    "copyright": Furniture(
        400,
        r"^\s*(?:â?©|\(c\)\s*\d{4}|copyright\b)|©\s*\d{4}|all rights reserved"
        # "copyright" and a year after a "(C)" or a © the page's encoding garbled: "Â© Copyright
        # 2018", "Г‚В© Copyright 2018", "?? Copyright 2018" (no Latin letter before it: "The
        # copyright 2019 ruling" is news)
        r"|^(?:\(c\)\s*|[^a-z]{0,5})copyright\s*(?:©\s*)?(?:19|20)\d\d"
        r"|todos los derechos reservados|tous droits réservés|alle rechte vorbehalten"
        r"|direitos reservados|tutti i diritti riservati|版权所有|著作権"
        r"|terms (?:of|and) (?:use|service|conditions)|privacy (?:policy|notice)"
        r"|not responsible for the content of external"
        r"|registered (?:office|address)\s*:|registered in england(?: (?:&|and) wales)?\W*(?:no\b|number|\d)"
        r"|company (?:number|no\.|registration (?:no|number))\W*\d"
        r"|for your personal,? non-?commercial use"
        r"|wszelkie prawa zastrzeżone|alle rechten voorbehouden|chroniony prawem autorskim"
        # a licence notice: "Texts on this site are licensed under a Creative Commons ..."
        r"|(?:steh[a-z]*|licen[sc]ed|published|available|released|lizenziert) (?:unter|under) (?:einer |der |a |the )?(?:creative commons|cc[- ]by)"
        # an affiliate disclosure: "As an Amazon Associate I earn ...", "We may earn a commission when you buy ..."
        r"|amazon (?:services llc )?associates program|as an amazon associate|als amazon-partner|(?:contains?|enthält|enthalten) (?:sogenannte |so-called )?(?:affiliate|partner)[- ]?links"
        r"|\bwe may (?:earn|receive|get) (?:an? )?(?:small )?(?:affiliate )?(?:commission|compensation|share of (?:sales|revenue))"
        r"|(?:erhalten|bekommen) wir (?:eine )?(?:kleine )?provision|liens? affiliés?|enlaces? de afiliados?|link di affiliazione"
        # said of the publisher too: "Postmedia may earn an affiliate commission", "Buying through us may earn us a commission"
        r"|\bmay earn (?:us )?(?:an? )?(?:affiliate )?commission|\bhas affiliate partnerships"
        # the privacy policy or legal notice by name: "Zu meiner Datenschutzerklärung", "Impressum | Datenschutz"
        r"|datenschutzerklärung|datenschutzhinweise|^impressum\b|siehe impressum|politique de confidentialité|política de privacidad"
        r"|política de privacidade|informativa (?:sulla )?privacy|privacybeleid|polityk[aię] prywatności|zásady (?:ochrany )?osobních údajů"
        r"|adatvédelmi (?:nyilatkozat|tájékoztató)|integritetspolicy|privatlivspolitik|tietosuojaseloste|politica de confidențialitate"
        r"|gizlilik politikası|политика конфиденциальности"
        # a publisher's press-ethics or complaints notice, or that a wire story ran unedited: "This website follows
        # the DNPA Code of Ethics.", "ZEIT ONLINE hat diese Meldung redaktionell nicht bearbeitet", "... is published
        # from a syndicated feed"
        r"|(?:this (?:website|site|publication|newspaper)|we) (?:follows?|subscribes? to|abides? by|adheres? to) the (?:[a-z'’-]+ ){0,4}code\b"
        r"|code of (?:ethics|conduct)[a-z ]{0,20} for [a-z ]{0,30}(?:print|online|news) media"
        r"|our (?:editorial )?complaints (?:policy|procedure)|klageorgan oppnevnt av norsk presseforbund"
        r"|redaktionell nicht bearbeitet|(?:published|auto-generated) from a syndicated feed|not been edited by (?:[a-z0-9-]+ ){1,3}staff"
        # a disclaimer: "(Alle Angaben ohne Gewähr)", "All quotes delayed a minimum of 15 minutes"
        r"|angaben ohne gewähr|\bquotes (?:are )?delayed|\bsubject to change without notice"
        # an investment's risk notice: "Auch ein Totalverlust des eingesetzten Kapitals kann nicht ausgeschlossen werden."
        r"|totalverlust des eingesetzten kapitals kann nicht ausgeschlossen werden"
        # a site's privacy notice: "Your privacy is important to us. Any information you provide to us via this website ..."
        r"|^your privacy is important to us\b"
        # ru, uk: the terms for reusing a site's material, the editors' disclaimer, sponsored material's notice
        r"|(?:использование|копирование|перепечатка|воспроизведение|цитирование) материалов (?:сайта|портала|издания)"
        r"|(?:використання|копіювання|передрук|відтворення|цитування) матеріалів (?:сайту|порталу|видання)"
        r"|редакция (?:сайта )?не нес[её]т ответственности|редакція (?:сайту )?не несе відповідальності|на правах реклам[ыи]"
        # all rights reserved, no reprint without permission: ru, uk, zh, ja, ko, ar, fa, hi, tr, id, vi, el, he, cs, hu, ro, sv
        r"|все права защищены|всі права захищені|(?:любое|любая) (?:воспроизведение|использование|копирование|перепечатка) материалов"
        r"|版權所有|公网安备|icp[备證证]|国内统一刊号|國內統一刊號|不得转载|禁止转载|不得轉載|禁止轉載|無断転載|無断複製|무단\s?전재|재배포\s?금지|(?:جميع|كافة|كل) الحقوق محفوظة|(?:کلیه|تمامی) حقوق[^.!?]*محفوظ"
        r"|सर्वाधिकार सुरक्षित|(?:tüm|bütün) haklar[ıi] sakl[ıi]d[ıi]r|her hakk[ıi] sakl[ıi]d[ıi]r|hak cipta dilindungi|bản quyền thuộc về"
        r"|(?:όλα τα|με επιφύλαξη παντός) δικαιώματ|כל הזכויות שמורות|všechna práva vyhrazena|minden jog fenntartva"
        r"|toate drepturile rezervate|alla rättigheter förbehållna",
    ),
    "cookie": Furniture(
        400,
        r"\bcookies?\b.*\b(?:use|accept|consent|settings|policy)\b|\b(?:use|uses|using) (?:of )?cookies\b|^was sind cookies"
        # in other languages, the cookie word first, as it is rare in text: "Cookies helfen uns ... Website", "pliki cookie ... zgodę"
        r"|(?:cookie|evästei|çerez|kakor|sütik).*(?:verwend|nutz|setz|utilis|usamos|utiliza|gebruik|używa|wykorzyst|použív|használ|använd|bruge"
        r"|käyttä|folos|kullan|использу|zustimm|einverstanden|akzept|accept|acept|accett|aceit|akkoord|zgod|souhlas|elfogad|godkänn"
        r"|hyväksy|kabul|соглас|website|webseite|seite|site|strona|stronie|сайт|browser|einstellung|paramètres|paramétr|configuración|ustawienia"
        r"|erfahrung|experience|expérience|experiencia|esperienza|služ|usług|szolgáltat|hizmet|услуг)"
        # the consent an embedded post or video asks for: "An dieser Stelle finden Sie externen Inhalt ... anzeigen lassen"
        r"|externen? inhalte?\b.{0,80}(?:anzeigen|ausblenden|angezeigt|zustimmung)|^empfohlener redaktioneller inhalt"
        # the reader's choices, the cookie word after them: "vous pouvez modifier vos choix via le bouton « paramétrer les cookies »"
        r"|(?:modifier|gérer|paramétrer|personnaliser) (?:vos|mes) choix\b.*\bcookie"
        r"|privatsphäre-einstellungen verhindern|privacy settings (?:prevent|block)"
        r"|(?:third[- ]party|external) content\b.{0,60}(?:consent|cookies|enable|allow)",
    ),
    "newsletter": Furniture(
        160,
        r"newsletter|\bsign[ -]?up\b|\bsubscribe to (?:our|the|his|her|my)\b|^subscribe to\b"
        r"|enter your e-?mail|(?:your|enter(?: an?| the)?|valid|registered)\s+e-?mail address|^\W*e-?mail address|inscr[ií]ba?[-‐ ]?(?:se|te)|boletín"
        r"|abonnez-vous|suscr[ií]b|delivered (?:straight |right )?to (?:your|their) (?:e-?mail )?inbox|delivered to your (?:favou?rite )?rss reader|^get (?:the best of|our) .*(?:by e-?mail|delivered)|mailing list|confirm your subscription"
        r"|will soon be in your inbox|newsstand price|e-?mail (?:has been|was) sent|e-?mail foi cadastrado|your first e-?mail|only send you"
        r"|(?:gib|geben sie) (?:hier )?(?:einfach )?(?:deine|ihre) e-?mail-?adresse|^abonnieren sie\b|(?:blog|kanal|podcast)[a-z]* (?:kostenlos )?(?:zu )?abonnieren"
        r"|neue (?:beiträge|artikel|posts) (?:per|via) e-?mail|(?:per|via) e-?mail über neue (?:beiträge|artikel|posts)"
        r"|mit (?:dem )?absenden (?:erklärst du dich|erklären sie sich)\b.*\beinverstanden"
        r"|(?:news|newsletter|nachrichten|artikel|beiträge)[a-z]* (?:direkt )?in (?:ihr|dein)(?:em)? postfach|votre boîte (?:mail|e-mail|de réception|aux lettres)|tu bandeja de entrada"
        r"|tua casella (?:di posta|e-?mail)|sua caixa de (?:entrada|e-?mail)|je (?:mailbox|inbox)|twoją skrzynkę"
        r"|inscrivez-vous|schrijf je in|zapisz się|^zapraszamy (?:też |również )?do subskrypcji"
        r"|(?:tous les (?:matins|jours|soirs)|chaque (?:matin|jour|semaine)) (?:par|dans votre) (?:e-?)?mail|recib[eií]r? (?:por|en tu) (?:e-?)?mail"
        # a newsletter's cadence and what it holds: "Every day we send an email with the top stories from Digg.",
        # "The next issue of Top Stories will soon be in your inbox.", "Jeden Montag die Topstorys der Woche ..."
        r"|\b(?:every|each) (?:day|morning|evening|weekday|week|monday|tuesday|wednesday|thursday|friday|saturday|sunday),? we (?:send|deliver) (?:you )?(?:an? )?(?:e-?mail|newsletter)\b"
        r"|\btop ?stor(?:ies|ys)\b.*\b(?:your inbox|an e-?mail)\b|\b(?:your inbox|an e-?mail)\b.*\btop ?stor(?:ies|ys)\b"
        r"|\bjeden (?:tag|morgen|abend|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag) die (?:topstorys|top-storys|wichtigsten (?:nachrichten|news|meldungen|themen|artikel|geschichten))\b"
        r"|подпишитесь|рассылк|abone ol|feliratkoz|iratkozz(?:on|ál) fel|prenumerera på|tilmeld dig|uutiskirje|abonează-te|abonați-vă|přihlaste se k odběru"
        r"|підпишіться на розсилку|メルマガ|メールマガジン|新闻信|뉴스레터|النشرة (?:الإخبارية|البريدية)|न्यूज़?लेटर|bültenimize|e-?bülten"
        r"|berlangganan newsletter|đăng ký nhận (?:tin|bản tin)|ενημερωτικό δελτίο|ניוזלטר|odebírejte|hírlevél|nyhetsbrev|suoraan sähköpostiisi",
    ),
    "subscription": Furniture(
        160,
        r"already a subscriber|subscribers? only|\bsubscribe (?:now|today)|\blog ?in\b"
        # "Sign in", "Account? Sign in", "to sign in", not the noun: "street sign in Peckham", "the plus sign in a formula"
        r"|(?:^|[^\sa-z0-9]\s*|\b(?:to|or|and|please|you|simply|just|out|can't|can’t|cannot)\s+)sign ?in\b|\bsign ?in or\b"
        r"|create (?:an|your) account|keep me logged in|\bpaywall"
        # "Register to post a comment", not "Iraqi-Americans register to vote": a prompt names what the reader gets
        r"|\bregister (?:now|for free|to (?:post|comment|read|save|view|access|continue|download|receive|get|see|join|unlock))\b"
        r"|^(?:instant|immediate|unlimited|full) (?:online |digital )?access to\b|subscription (?:will )?auto(?:matically)?[- ]?renew"
        r"|(?:sie sind (?:aktuell |derzeit |noch )?nicht (?:eingeloggt|angemeldet)|you are not (?:logged|signed) in|vous n'êtes pas connecté)\W*$"
        # "already a subscriber", "log in", "try our digital subscription" in other languages
        r"|bereits [\w-]*abonnent|schon abonnent|déjà abonné|ya (?:eres|soy) suscriptor|ya estás suscrito|già abbonato"
        r"|já (?:é|sou) assinante|al abonnee|masz (?:już |aktywną )?(?:prenumeratę|subskrypcję)"
        r"|melden sie sich (?:jetzt |hier )?(?:mit [^.]{0,40})?an\b|connectez-vous|inicia(?:r)? sesión|faça login|zaloguj się"
        r"|(?:testen sie|teste) (?:unser|das) (?:digitale[sn]? )?abo\b|abo abschließen|abonnement numérique|^[0-9]+ (?:wochen|tage|monate) (?:kostenlos|gratis) testen"
        r"|suscripción digital|abbonamento digitale|assinatura digital"
        # a donation or support appeal: "Support our journalism", "Ihr Beitrag hilft ...", "Wesprzyj nas"
        r"|^(?:jetzt )?(?:spenden|donate|donar|faire un don|doneer)(?: now| today| jetzt)?\W*$|jetzt spenden|(?:make|give) a donation"
        r"|(?:please|consider|you can) support(?:ing)? (?:us|our)\b|support (?:our|independent) journalism"
        r"|^we need your (?:help|support)|your (?:donation|contribution|support) (?:helps|will help|makes)"
        r"|unterstützen sie (?:uns|unsere arbeit|unseren journalismus|diese form des journalismus|unabhängigen journalismus)"
        r"|(?:ihr beitrag|ihre spende|jede (?:kleine )?spende) hilft|wesprzyj nas|wspieraj nas|przekaż (?:nam )?1(?:,5)?% podatku"
        r"|apoya (?:el|al|nuestro) periodismo|hazte (?:miembro|socio)|haz una donación|soutenez(?:-nous| notre| le journalisme)"
        r"|faites un don|sostieni(?:ci)? (?:il nostro|la nostra|il giornalismo)|fai una donazione|apoie (?:o|nosso) jornalismo"
        r"|faça uma doação|steun ons|word (?:lid|donateur)|^s'abonner\b"
        # "for subscribers only": "Article réservé aux abonnés", "exclusivo para suscriptores", "Il vous reste 57% de cet article à lire"
        r"|réservée? aux abonnés|reserved for (?:subscribers|members)|nur für (?:abonnenten|abonnentinnen)|exclusivo para (?:suscriptores|assinantes)"
        r"|riservato agli abbonati|alleen voor abonnees|tylko dla (?:prenumeratorów|subskrybentów)|il vous reste [0-9.,]+ ?% de cet article"
        # a membership's offer: "Unlock exclusive member rewards", "Start your Independent Premium subscription today"
        r"|\bmember (?:rewards|features|benefits|perks)|\bpremium articles|membership journey|start your [a-z ]{0,30}(?:premium|subscription)"
        r"|to read this article in full"
        # an ad-free subscription's offer: "Mit dem PUR-Abo nutzt du kicker ... ohne Werbetracking"
        r"|\bpur-abo\b|ohne werbetracking"
        # ja: paid membership, members-only articles, unlimited reading
        r"|有料会員|会員限定|読み放題",
    ),
    "account": Furniture(
        200,
        r"(?:confirm|complete|activate) your (?:registration|subscription|account)|reset your password"
        r"|already have an account|account (?:is )?(?:already )?registered|never post to your"
        r"|sent you an e-?mail|check your (?:spam|junk|inbox)"
        r"|wir haben (?:dir|ihnen) (?:soeben )?eine e-?mail (?:gesendet|geschickt)|(?:bestätige|bestätigen sie) (?:deine|ihre) anmeldung"
        r"|nous vous avons envoyé un e-?mail|confirme[zr]? (?:votre|ton) inscription|te hemos enviado un (?:correo|e-?mail)|confirma tu suscripción"
        # a log-in or password form's lines: "Don't have an account?", "A password will be e-mailed to you.",
        # "Du musst dich einloggen um einen Kommentar abzugeben", "Şifre yenileme ...", "로그인 유지 ..."
        r"|(?:don't|do not|don’t) have an account|password will be (?:e-?mailed|sent)|forgot (?:your )?password|lost your password"
        r"|confirm your (?:public )?display name|activate your (?:online|digital) access|^print subscriber\b"
        r"|only (?:registered|logged-in|signed-in) (?:users|members|readers) can (?:comment|post)|nur (?:angemeldete|registrierte|eingeloggte) (?:benutzer|nutzer|user|leser|mitglieder)\b.*\bkommentier"
        r"|passwort vergessen|(?:du musst|sie müssen) (?:dich|sich) (?:einloggen|anmelden|registrieren)|noch kein (?:konto|account|kundenkonto)"
        r"|mot de passe oublié|pas encore (?:de compte|abonné)|olvidaste tu contraseña|no tienes (?:una )?cuenta"
        r"|password dimenticata|non hai (?:ancora )?un account|esqueceu (?:sua|a) senha|não tem (?:uma )?conta"
        r"|wachtwoord vergeten|nog geen (?:account|abonnee)|nie pamiętasz hasła|nie masz (?:jeszcze )?konta"
        r"|şifremi unuttum|şifre(?:niz)? (?:yenileme|sıfırlama|başarıyla)|(?:spam|önemsiz) (?:\(önemsiz\) )?klasörünü"
        r"|забыли пароль|忘记密码|パスワードを忘れ|ログイン状態|로그인 유지|로그인하면|비밀번호(?:를|가|와)|인증메일"
        # ko: a sign-up form's lines, "이미 가입된 회원입니다." (already a member), "회원으로 가입하실 수 있습니다"
        r"|가입된 회원|회원으로 가입|이용약관 및 개인정보",
    ),
    "follow_us": Furniture(
        160,
        r"\bfollow (?:us|@|[^ ]+(?: [^ ]+){0,2} on (?:twitter|facebook|instagram|x|tiktok|youtube|google news)\b)"
        r"|\blike us on\b|\badd (?:us|[^.!?]{1,40}) as a preferred source\b|\bsocial bookmarking\b|^share\b|\bshare (?:it|this(?: article| story)?) with (?:a |your )?friends?|^connect with us\W*$|^(?:beitrag|artikel|seite|post) teilen\b"
        r"|^(?:teilen|partager|compartir|condividi|compartilhar|udostępnij|delen|paylaş|bagikan|sdílet|megosztás|distribuie|dela)"
        r"(?: (?:via|per|sur|auf|en|em|no|su|por|op|na|på))?\s*(?::|\W*$)"  # "Partager via :", "Teilen per"
        r"|^(?:поделиться|поширити|分享(?:到|至好友和朋友圈)?|シェアする|공유하기|مشاركة|chia sẻ|κοινοποίηση|שתפו|שתף)\s*(?::|：|\W*$)"
        r"|síguenos|suivez-nous|folgen sie uns|siga-nos|seguici"
        # ru, uk, zh, ar, fa, hi, tr, id, vi, el, he, cs, hu, ro, sv
        r"|подписывайтесь на (?:наш|нас|автора)|підписуйтеся на (?:наш|нас)|підпишіться на (?:наш|нас)|关注我们|關注我們|扫码关注|二维码关注|^用微信扫|تابع(?:ونا|نا) على"
        r"|ما را در .* دنبال کنید|हमें .*फ\x{93c}?ॉलो कर|bizi takip edin|ikuti kami|theo dõi chúng tôi|ακολουθήστε μας|עקבו אחרינו|sledujte nás"
        r"|kövess(?:en)? minket|urmăre[șş]te-ne|urmări[țţ]i-ne|följ oss"
        r"|\bfolg(?:e|t) uns\b|auf (?:instagram|facebook|twitter|youtube|tiktok|linkedin) folgen|nuestro canal de (?:youtube|telegram|whatsapp)"
        r"|únete a nuestro canal|(?:rejoignez|retrouvez)-nous sur|obserwuj nas|volg ons"
        r"|\bkeep up with (?:me|us) on (?:twitter|x|instagram|facebook|tiktok|linkedin|youtube|threads|bluesky|mastodon)\b|tenemos (?:un )?canal (?:de|en) (?:telegram|whatsapp)"
        r"|^(?:facebook|twitter|whatsapp|email|pinterest|linkedin|reddit)\W*$"
        r"|^(?:(?:facebook|twitter|google\+|whatsapp|e-?mail|pinterest|linkedin|reddit|instagram|youtube|rss|tumblr"
        r"|telegram|flipboard|messenger|print|mobile|share)[\W_]*){2,}$",
    ),
    "comments": Furniture(
        200,
        r"leave a (?:comment|reply)|you are commenting using|notify me|comment policy"
        r"|required fields are marked"
        r"|save my name|^post (?:a )?comment|^trackback(?: url)?\s*:|\bcomments?\s*\(\d+\)|^\d+\s+comments?$"
        rf"|{COMMENTS_CLOSED}"
        r"|logged in to (?:leave a |post a )?comment"
        r"|um (?:einen )?kommentar (?:zu )?(?:schreiben|verfassen|abgeben)[^.!?]{0,40}(?:registrier|eingeloggt|anmelden|angemeldet)"
        r"|kommentarfunktion (?:ist |wurde )?(?:geschlossen|deaktiviert)|kommentare sind geschlossen|commentaires (?:sont )?(?:fermés|clos)"
        r"|comentarios (?:están )?cerrados|commenti (?:sono )?chiusi|comentários (?:estão )?(?:fechados|encerrados)"
        r"|reacties (?:zijn )?gesloten|komentarze (?:są )?(?:zamknięte|wyłączone)"
        r"|^(?:(?:es gibt )?(?:noch )?keine kommentare|no comments(?: yet)?|aucun commentaire|(?:no hay |sin )comentarios"
        r"|nessun commento|sem comentários|(?:nog )?geen reacties|brak komentarzy)(?:\W*$|\s*\()"
        r"|^be the first to comment|^(?:seien sie|sei) (?:der|die) erste|^soyez le premier à commenter"
        r"|\((?:erforderlich|required|obligatoire|obligatorio|obbligatorio|obrigatório|pflichtfeld|verplicht|wymagane)\)"
        rf"|{EMAIL_NOT_PUBLISHED}"
        r"|kommentieren zu können|vous devez être connecté|debes (?:estar registrado|iniciar sesión) para|^diskutieren sie mit\b"
        # a comment form's text-format help (Drupal and others)
        r"|lines and paragraphs break automatically|addresses turn into links|allowed html tags|pour créer des paragraphes"
        r"|werden automatisch in links|zeilen und absätze werden automatisch"
        r"|(?:留言|评论|評論|コメント|kommentare?|commentaires?|comentarios?|comentários?|commenti|комментари\w*)\s*[(（]\d+[)）]"
        # ru, uk, zh, ja, ko, ar, fa, tr, id, vi, el, he, cs, hu, ro, sv: leave a comment, your e-mail address will not be published
        r"|^(?:оставить|добавить|оставьте|написать) комментарий|(?:адрес|e-?mail)[^.!?]*не (?:будет опубликован|буде оприлюднен)|сохранить моё имя"
        r"|^(?:发表|我要|网友)评论|^目前没有(?:热门)?跟贴|^(?:發表|我要|網友)評論|^コメントを(?:書く|残す|する)|メールアドレスが公開されることはありません|^댓글\s?(?:쓰기|달기|작성)"
        r"|^(?:أضف|اترك) تعليق|لن يتم نشر عنوان بريدك|ایمیل شما منتشر نخواهد شد|^yorum (?:yap|yaz)|e-?posta (?:adresiniz|hesabınız) yayınlanmayacak"
        r"|^tinggalkan (?:balasan|komentar)|email anda tidak akan dipublikasikan|email của bạn sẽ không được|^(?:αφήστε|γράψτε) (?:ένα )?σχόλιο"
        r"|email σας δεν (?:θα )?δημοσιεύ|^(?:הוסף|הוסיפו|כתוב|כתבו) תגובה|האימייל שלך לא (?:תפורסם|יפורסם)|^(?:napsat|přidat) komentář"
        r"|e-?mailová adresa nebude zveřejněn|^szólj hozzá|e-?mail címet nem tesszük közzé|^lasă un comentariu|de e-?mail nu va fi publicat"
        r"|^lämna en kommentar|e-postadress kommer inte (?:att )?publiceras",
    ),
    "comment_rules": Furniture(
        400,
        r"opinions? expressed in (?:reader |the )?comments|^comments? (?:are|is) (?:moderated|reviewed|the sole responsib)"
        r"|comment (?:posters|writers|rules|guidelines)|moderates? (?:all )?comments (?:to|before|and)"
        r"|comments below (?:have been|are) moderated|\bread our commenting (?:policy|guidelines)\b"
        # a prompt to report an error in the story: "Fehler auf taz.de entdeckt?", "Spotted a typo? Report it"
        r"|^(?:have you )?(?:spotted|found|noticed) (?:an? )?(?:error|mistake|typo)\b|^report (?:an? )?(?:error|typo|mistake)\b"
        r"|^fehler (?:auf \S+ )?(?:entdeckt|gefunden)\?|^inhaltliche[nr]? fehler melden|\bfehlerhinweis@|^signaler une erreur"
        r"|^vous avez (?:repéré|remarqué|trouvé) une erreur|^¿(?:has )?(?:visto|encontrado) (?:un|algún) error|^segnala(?:re)? un errore|^zgłoś błąd"
        r"|avoid comments that|comment count on this article|listed below are links to weblogs|you can use these (?:html )?tags"
        r"|(?:^|[.!?]\s)(?:los|les|os|i) (?:comentarios|commentaires|comentários|commenti)\b[^.!?]*\b(?:responsab|opini[oóã]|pol[ií]tica|respet|respeit)"
        r"|(?:comentarios|commentaires|comentários|commenti)[^.!?]*(?:respetuos|respeitos|respectueu|rispettos)"
        # the same rules in German: "Die Kommentare geben nicht die Meinung der Redaktion wieder", "unsere Netiquette"
        r"|(?:kommentare|leserkommentare|beiträge|zuschriften)\b[^.!?]*\b(?:meinung der redaktion|redaktion behält sich)"
        r"|teilen sie (?:uns )?(?:ihre|mit uns ihre) meinung|ihre meinung (?:ist gefragt|interessiert uns)"
        r"|respektvolle[rn]? umgangston|\bnetiquette\b|diskussionsregeln|kommentarrichtlinien"
        r"|(?:do you have|you['’]?ve got|have you got|^got) a story.*(?:e-?mail|get in touch|contact us)|we pay for your stories"
        r"|we want to hear what you think about this (?:article|story)"
        r"|(?:submit|write) a letter to the editor|publishing a diversity of letters|\btips@"
        r"|^(?:have|got) a (?:confidential )?(?:news )?tip\b|\bour community (?:standards|guidelines)"
        # a call for readers' tips, feedback or photos: "Have a view on this story? Send us your feedback!"
        r"|send us (?:a |your )?(?:news )?(?:tips?|feedback|thoughts|stories|experiences|photos|pictures|videos)\b"
        r"|if you have (?:a|any) news tips?\b"
        r"|have a view on this (?:story|article)|comments and (?:suggestions|feedback) (?:are welcome|to)\b"
        r"|we want to hear your (?:suggestions|comments|feedback|thoughts)"
        # a moderation rule: "We reserve the right to delete comments", "Comments are limited to 200 words"
        r"|reserve the right to (?:delete|remove|edit)\b[^.!?]{0,20}comments"
        r"|(?:held|flagged|awaiting) (?:for )?moderation|keep your comments|^comment policy\b"
        r"|comments (?:on this site )?(?:are to be used|should not|must not|are limited to)"
        r"|html (?:tags )?(?:is|are) (?:allowed|permitted)"
        r"|(?:anmerkungen|anregungen) zu diesem (?:artikel|beitrag)|fehler gefunden"
        r"|(?:found|spotted|see) (?:a|an) (?:error|typo|mistake) in (?:this|the) (?:article|story)|report (?:a|an) (?:error|typo|correction)\b"
        r"|signaler une erreur|vous avez (?:repéré|trouvé|vu) une (?:erreur|faute)|(?:reportar|has visto|encontraste) un error|segnala(?:ci)? un errore"
        r"|zgłoś błąd|encontrou (?:um )?erro|fout gezien|tell us what you think about (?:this|our)"
        # a call for readers' comments at the end of a fact-check: "Email comments and suggestions for fact-checks to ..."
        r"|^e-?mail (?:your )?comments and suggestions\b"
        # a form to report a comment: "Dann beschreiben Sie das Problem, die Redaktion wird diesen Kommentar genauer prüfen"
        r"|redaktion wird (?:diesen|den) kommentar",
    ),
    "read_more": Furniture(
        160,
        r"^(?:read (?:more|also|next)|related(?: articles?| stories| content)?|see also"
        r"|also read|more from|more on this|you may also like|recommended|watch|listen|for more (?:stories|news|articles) like this"
        r"|leia (?:também|mais)|lire aussi|lesen sie auch|lee también|leer más|mehr zu(?:m| diesem) thema"
        r"|czytaj (?:też|także|również|więcej)|zobacz (?:też|także|również)|à lire (?:aussi|également)|lire également|voir aussi"
        r"|lea (?:también|además)|(?:también )?(?:le|te) puede interesar|leggi anche|vedi anche|potrebbe interessarti|veja também"
        r"|lees (?:ook|meer)|zie ook|siehe auch|lies auch|das (?:thema )?könnte (?:dich|sie|euch) (?:auch )?interessieren"
        # tr, id, cs, ro, sv, fi, then ru, uk, zh, ja, ko, ar, fa, hi, el: labels that open no news sentence
        r"|ayr[ıi]ca (?:okuyun|bak[ıi]n[ıi]z)|bunlar da ilginizi|baca (?:juga|pula)|přečtěte si (?:také|též|i)|čtěte (?:také|též)"
        r"|cite[șş]te [șş]i|citi[țţ]i [șş]i|läs (?:också|även|mer)|lue (?:myös|lisää|aiheesta lisää|seuraavaksi))(?:\b|\W|$)\s*[:\-–—|]?"
        r"|^(?:читайте (?:также|еще|ещё|по теме)|смотрите также|читайте також|дивіться також|延伸阅读|延伸閱讀|推荐阅读|推薦閱讀"
        r"|あわせて読みたい|合わせて読みたい|함께 보면 좋은|[اإ]قرأ (?:أيضا|ايضا|المزيد)|همچنین بخوانید|بیشتر بخوانید|(?:यह|ये) भी पढ़ें"
        r"|διαβ[άα]στε (?:επ[ίι]σης|ακ[όο]μ[ηα]))(?:\W|$)"
        # a heading that can also open a sentence counts only when it ends the line or a colon follows
        r"|^(?:weiterlesen|auch interessant|mehr themen|schon gelesen|(?:ähnliche|beliebte|neueste|verwandte) (?:beiträge|artikel)(?: zum thema)?|meistgelesen[a-z]*"
        r"|am häufigsten gelesen|highlights aus de[mr] [a-zäöü]+|latest on|articles? (?:similaires|liés|connexes)|sur le même sujet"
        r"|(?:artículos|noticias|artigos|notícias) relacionad[oa]s|articoli correlati|gerelateerde artikelen|(?:powiązane|podobne) artykuły"
        r"|i\x{307}?lgili haberler|benzer haberler|(?:berita|artikel) terkait|lihat juga|simak juga|související(?: články)?|mohlo by vás zajímat"
        r"|olvassa el|olvasd el|kapcsolódó(?: cikkek| hírek)?|ajánlott cikkek|vezi [șş]i|articole (?:similare|asemănătoare)|relaterade artiklar|se även)"
        r"\s*(?:[:\-–—|»›>…]|\W*$)"
        # a teaser that ends with its link to the story: "... trägt jetzt den Namen seines Entdeckers. mehr" (German
        # only: on googletrends pages English "... more" closes gold paragraphs cut short)
        r"|[.!?…\"“”»] ?(?:mehr|weiterlesen)$"
        # a most-read box's heading, for a section too: "Meist gelesen", "Meist geklickt in Familie"
        r"|^meist ?(?:gelesen|geklickt|kommentiert)[a-z]*(?: (?:in|im|aus) [^.!?:]{1,40})?\s*(?::|$)"
        r"|^(?:(?:еще|ещё|новости|материалы) по теме|по теме|похожие (?:новости|статьи|материалы)|другие новости|за темою|новини за темою"
        r"|схожі новини|相关(?:新闻|阅读|链接|报道)|相關(?:新聞|閱讀|報導|報道)|更多新闻|猜你喜欢|热门推荐|関連記事|関連ニュース|관련\s?(?:기사|뉴스)|人気記事|おすすめ記事"
        r"|こちらの記事も|많이 본 뉴스|인기\s?기사|추천\s?기사|(?:مواضيع|أخبار|اخبار|مقالات) ذات صلة|(?:مطالب|اخبار) مرتبط|संबंधित (?:खबरें|ख़बरें|लेख)"
        r"|xem thêm|đọc thêm|tin (?:liên quan|cùng chuyên mục)|bài (?:viết )?liên quan|σχετικ(?:ά άρθρα|ές ειδήσεις)|קראו (?:עוד|גם)|קרא (?:עוד|גם)"
        r"|כתבות (?:נוספות|קשורות))\s*(?:[:\-–—|»›>…：]|\W*$)",
    ),
    # A photo credit on its own line: "Getty", "AP", "Reuters/Corbis", "(photo AFP)".
    "credit": Furniture(
        80,
        # the agency after a writer's initials or a source label too: "aja/PAP", "(jk/dpa)", "(Quelle: APA/sda/dpa)"
        r"^\(?(?:[a-z]{2,4}\s*/\s*)?(?:(?:photo|foto|image|picture|credit|crédit|quelle|source|fuente|fonte)s?\s*:?\s*)?(?:getty(?: images)?|ap|pa|afp|reuters|rex"
        r"|epa|corbis|shutterstock|alamy|dr|istock|dpa|efe|ansa|xinhua|bloomberg|pa (?:wire|media)|eyevine"
        r"|splash news|pap|ddp|kna|epd|apa|sda|keystone|anp|belga|tass|ctk|čtk|mti|tt|ntb|ritzau|stt|agerpres|anadolu)(?:\s*[/,;]\s*[^/,;]{1,40}){0,3}\)?\s*$",
    ),
    "caption": Furniture(
        200,
        r"^(?:image source|image caption|media caption|getty images|photo(?:graph)?|image"
        r"|picture|credit|fotos?|bild|bildquelle|source|quelle|fuente|fonte|źródło|beitragsbild|titelbild|titelfoto|headerbild"
        r"|aufmacherbild|symbolbild|symbolfoto|(?:photo|image) credits?|crédits? photo|créditos?|zdjęcie|fotografia"
        r"|фото|фотография|источник|джерело|写真)\s*[:,：]|this video can ?not be played"
        # a photo credit in brackets: "(Credit: Jo Lee / Grist)", "(Foto: © Jo Lee/iStock.com)"
        r"|^[(\[](?:(?:photo|image) )?(?:credits?|crédits?|créditos?|fotos?|bild|photo(?:graph)?|image|picture)\s*:"
        # zh: "[图片说明1：漫画/冷洁]", "（图片来源：网络）", "摄影：张三"
        r"|^\W*(?:图片(?:说明|来源|提供)|圖片(?:說明|來源|提供)|摄影|攝影)\s*\d*\s*[:：]"
        # a credit closing a caption: "... © AFP / Jo Lee", "... (Bildquelle: Jo Lee)", "... Foto: LN"
        r"|[ .(]©[^.!?]*$|(?:bildquelle|bild|fotos?|photo|crédit photo)\s*:(?:[^:.!?]|\.[a-z]{2,4}\b)*$"
        # ko: a caption closed by its agency, "... 연설하고 있다. 연합뉴스" (Yonhap, Newsis, News1)
        r"|[.)] ?(?:연합뉴스|뉴시스|뉴스1)$"
        r"|^(?:video|watch|listen)\s*,|\b(?:getty images|reuters|afp|shutterstock|epa"
        r"|ap photo|istock)\s*\)?\s*$|^photo by\b",
    ),
    # A news agency's caption, often longer than the caption cap allows (a gallery's run 200 to 400
    # characters): prose closing with the agency's credit, "... (AP Photo/Jo Lee)", "... (Reuters/Jo Lee)",
    # "... (NASA via AP, File)", or opening with its formula, "In this Dec. 12, 2006, file photo, ...",
    # "FILE - ...". The prefixes of the caption pattern ("Source: ...", "Listen, ...") are not safe that long.
    # No bounded repetition of a negated class (`[^()]{0,60}`): in the 400-character tier two cost the flag
    # 0.3 µs a BBC paragraph.
    "agency_caption": Furniture(
        400,
        r"\((?:ap|afp|reuters|getty images|epa|xinhua|bloomberg)(?: photo)?\s*/[^()/]*\)\s*$"
        r"|\bvia (?:ap|afp|reuters|getty images)(?:,? file)?\)\s*$|\(ap photo(?:,? file)?\)\s*$"
        r"|^(?:file\s*[-–—]\s*)?in this [a-z0-9., ]{0,40}\b(?:(?:19|20)\d{2}|file|handout|undated),? (?:file |handout )?(?:photo(?:graph)?|image|picture)\b"
        r"|^in this (?:photo(?:graph)?|image|picture) (?:provided|released|made available|taken|obtained|distributed|shared)\b"
        r"|^file (?:photo\s*)?[-–—:]\s",
    ),
    "interface": Furniture(
        200,
        r"this is a modal window|(?:beginning|end) of dialog window|escape will cancel|requires javascript"
        r"|enable javascript|javascript (?:is )?(?:disabled|required)|javascript be (?:enabled|turned on)"
        # the same in other languages: "Bitte aktivieren Sie JavaScript", "benötigen Sie JavaScript", "JavaScript ist deaktiviert"
        r"|(?:aktivieren|activez|activa|habilita|attiva|ative|schakel|włącz)[a-ząćęłńóśźż]* (?:sie |bitte )?(?:das |le |el |il |o )?javascript"
        r"|javascript (?:aktivieren|einschalten|inschakelen)|(?:benötigt|benötigen sie|erfordert) javascript"
        r"|javascript (?:ist )?(?:deaktiviert|désactivé|desactivado|disattivato|desativado|uitgeschakeld)"
        r"|(?:use|utilizza|utilisez|utilice|usa|verwenden sie|nutzen sie) (?:a|un|une|einen) (?:modern browser|browser moderno|navigateur moderne|navegador moderno|modernen browser)"
        r"|flash (?:player|plug-?in)|\bcaptcha\b|browser does not support|ad ?blocker|disable the ad[- ]?blocking"
        # an outdated browser's notice: "Your browser is out of date", "Ihr Browser ist veraltet"
        r"|browser (?:ist|is) (?:veraltet|out of date|outdated|no longer supported)|(?:update|upgrade|aktualisieren sie) (?:your|ihren|deinen) browser"
        r"|browser version with limited support|(?:votre )?navigateur (?:est )?(?:obsolète|n'est plus (?:à jour|supporté))"
        r"|(?:tu|su) navegador (?:está desactualizado|no es compatible)|browser non (?:è )?(?:aggiornato|supportato)|browser molto vecchio"
        r"|navegador (?:está )?desatualizado|browser is verouderd|przeglądarka jest (?:przestarzała|nieaktualna)"
        r"|continue reading below|an error has occurred|error occurred|please try again|^report (?:an )?issue$"
        r"|push[- ]notifications|push-benachrichtigungen|browser-push|push-mitteilungen|pushnachrichten abonniert|turn on (?:desktop |browser |push )?notifications|^(?:loading comments|lade kommentare|kommentare werden geladen|chargement des commentaires|cargando comentarios)|^(?:conversation )?powered by (?:livefyre|disqus)"
        r"|^remember me\W*$|^permalink\b|rate this (?:article|story|post|page)|(?:give|leave) an? (?:overall )?(?:site |article )?rating|(?:artikel|beitrag) bewerten|bewerten sie (?:diesen|den) (?:artikel|beitrag)"
        r"|noter cet article|valora (?:este|el) artículo|oceń (?:ten )?artykuł|vota (?:questo|l')articolo|avalie (?:este|o) artigo"
        r"|(?:was this|war dieser|cet) (?:article|artikel|beitrag|page|seite)? ?(?:helpful|hilfreich|vous a-t-il été utile)"
        r"|^(?:print|drucken|imprimer|imprimir|stampa|drukuj|afdrukken|(?:artikel|seite) drucken|druckversion|print (?:this )?(?:article|page|story)"
        r"|(?:als )?pdf(?: herunterladen| speichern| download)?|download (?:as )?pdf|version imprimable|versión para imprimir|descargar pdf)\W*$"
        r"|^(?:search|suche|rechercher|buscar|cerca|szukaj|zoeken|pesquisar)\W*$"
        # a breadcrumb's label on its own line: "You are here:", "Sie befinden sich hier:", "Vous êtes ici :" (the
        # trail after it may end with the article's title, which some golds keep)
        r"|^(?:you are here|sie befinden sich hier|du bist hier|vous êtes ici|usted está aquí|estás aquí|sei qui"
        r"|você está aqui|jesteś tutaj|u bent hier|detail navigation) ?: ?$"
        # a share button's notice that the link was copied: "Link kopiert!", "기사 URL이 복사되었습니다."
        r"|^\W*(?:the )?(?:link|url|lien|enlace) (?:wurde )?(?:copied|kopiert|copié|copiado|copiato|skopiowany|gekopieerd)\W*$"
        r"|copied to (?:the |your )?clipboard\W*$|in (?:die|ihre|ihrer|deine|deiner) zwischenablage (?:kopiert|gespeichert)\W*$|^\W*(?:ссылка скопирована|посилання скопійовано)\W*$"
        r"|url이 복사|링크가 복사|リンクをコピーしました|链接已复制|連結已複製"
        # ko: a captcha's prompt ("type the image as you see it"), consent to web push notifications; the
        # same consent's note in English
        r"|보이는 대로 입력|웹 알림 동의|notifications can be managed"
        # a shop widget's price ("€ 2.549,00 inkl. MwSt.") and a rating widget's average ("Durchschnittliche Bewertung: 0,0")
        r"|^(?:€\s?)?[0-9][0-9.,]*\s?(?:€|eur|euro)?\s*inkl\.? mwst|^inkl\.? mwst\W*$"
        r"|^(?:durchschnittliche bewertung|average rating|note moyenne|valoración media)\s*:"
        # a forum's who-is-online line: "Mitglieder in diesem Forum: 0 Mitglieder und 2 Gäste"
        r"|(?:mitglieder|benutzer|users browsing) (?:in )?(?:diesem|this) forum"
        r"|um den inhalt von [^ ]+ zu laden|externe inhalte (?:laden|anzeigen|aktivieren|zulassen)"
        r"|tente (?:novamente|mais tarde)|int[eé]ntel?o (?:de nuevo|más tarde)|veuillez réessayer"
        r"|versuchen sie es (?:später )?(?:erneut|noch einmal)|riprova(?:re)? più tardi"
        r"|prøv igjen senere|försök igen senare|forsøg igen senere|prøv igen senere"
        r"|^(?:advertisement|advertising|sponsored|promoted stories|sponsored (?:stories|content|links)|paid content|anzeige|werbung|publicité|publicidad|publicidade|pubblicità"
        r"|advertentie|reklama|reklam|iklan|hirdetés|szponzorált tartalom|publicitate|annons)\W*$"
        r"|^(?:реклама|на правах рекламы|广告|広告|광고|スポンサー(?:ド)?リンク|إعلان|تبلیغات|विज्ञापन|quảng cáo|διαφήμιση|פרסומת)\W*$"
        r"|^[\W_]*(?:(?:previous|next|prev|older|newer|vorige|volgende|nächste|vorherige|précédent|suivant"
        r"|anterior|siguiente|próximo|precedente|successivo|предыдущ\w*|следующ\w*|上一[篇页頁]|下一[篇页頁])"
        r"(?:\s+(?:post|page|article|story|entry|seite|artikel|página|pagina))?[\W_]*){1,4}$",
    ),
    "byline": Furniture(
        100,
        r"^(?:published|updated|posted|last updated)\s*(?:on|at|:)?\s*"
        r"(?:\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)"
        r"|^(?:stand|aktualisiert|veröffentlicht|erstellt|publié|mis à jour|actualizado|publicado|aggiornato|pubblicato"
        r"|atualizado|bijgewerkt|gepubliceerd|aktualizacja|opublikowano)\s*(?:am|le|el|em|il|op|:)?\s*\d"
        r"|\b\d+\s*(?:min(?:ute)?s?|minutos?) (?:read|de leitura)\b|tempo de leitura"
        # the same in other languages: "Lesezeit: 3 Min.", "Lecture 4 min.", "5 min de lecture", "Tiempo de lectura: 6 min"
        # (no `\W*` at either end: a Unicode class repeated there put the scan every short paragraph takes off the
        # regex engine's fast DFA, 5 µs a BBC paragraph)
        r"|^(?:lecture|temps de lecture|lesezeit|lesedauer|tiempo de lectura|lettura|leestijd|czas czytania|lesetid"
        r"|läsetid|læsetid) ?:? ?(?:ca\. ?)?\d+ ?min(?:utes?|uten|utos|uti)?\.?$|\b\d+\s*min(?:\.|utes?|uten|utos|uti)?\s+(?:de lecture|lesezeit"
        r"|de lectura|di lettura|leestijd|czytania|lesetid|läsetid|læsetid)\b"
        r"|^\W*(?:posted by|publié par|publicado por|pubblicato da|veröffentlicht von|geplaatst door|comment(?:ed)? by|kommentar von)\b"
        # a genre label over the author ("Récit Par Pierre Alonso"), the writer and editor of a piece
        r"|^(?:récit|entretien|enquête|reportage|propos recueillis) par\b|^written by [^.!?]{3,60} edited by\b"
        r"|(?:view|see) all (?:posts|articles|stories) by|(?:zeige )?alle (?:beiträge|artikel) von|voir tous les articles de|ver todas las (?:entradas|publicaciones) de"
        r"|tutti gli articoli di|ver todos os (?:posts|artigos) de|zobacz wszystkie (?:wpisy|artykuły)|alle berichten van|(?:→|->) ?mehr über"
        # an author or editor label: "Автор: ...", "（责任编辑：张三）"; not a speaker's line in an interview that
        # holds a question or sentence ("记者：你怎样看待这个问题？")
        r"|^[(（]?(?:автор|текст|редактор|责任编辑|責任編輯|责编|编辑|編輯|记者|記者|yazar|penulis|tác giả|συντάκτης|szerző|författare)\s*[:：][^?？!！。]*$"
        # a German byline or syndication note: "Beitrag von Eva Lee", "Dieser Artikel ist zuerst bei "Capital" erschienen."
        r"|^beitrag von [^.!?0-9]+$|^(?:dieser|der) (?:artikel|beitrag|text) (?:ist |erschien )?(?:zuerst|erstmals|ursprünglich) (?:bei|in|auf|im)\b"
        # German credit labels, on a line that ends no sentence (an interview's "Redaktion: ..." question or statement does)
        r"|^(?:redaktion|schlussredaktion|bildredaktion|übersetzung|faktencheck|mitarbeit)\s*:[^?!]*[^.?!\s]\s*$"
        # zh: a line naming the reporters, "本报记者 王燕平 方云凤", "新京报记者 彭冲 山东冠县报道"
        r"|^[^，。！？,!?]{0,20}(?:记者|記者)\s[^，。！？,!?]{1,40}$"
        # a German broadcaster's note of when it aired the story: "Über dieses Thema berichtete die tagesschau am
        # 3. August 2020 um 08:00 Uhr.", "Dieses Thema im Programm: MDR THÜRINGEN - Das Radio | 20. April 2020"
        r"|^über dieses thema berichtet|^dieses thema im programm\b"
        # a newspaper's masthead naming its editors, a list of three or more names and no sentence:
        # "Herausgegeben von Gerald Braunberger, Jürgen Kaube, Carsten Knop, Berthold Kohler"
        r"|^herausgegeben von [^.!?,]+(?:, [^.!?,]+){2,}$"
        # a news agency's byline without "By": "Meg Kinnard and Errin Haines, Associated Press", "Robert Burns, AP
        # National Security Writer": the end of the line, on a paragraph of the cap's length (anchored at the start,
        # with the names before it, it joined the scan every short paragraph takes and cost 6 µs a BBC paragraph)
        r"|, (?:the )?(?:associated press(?: writers?)?|ap (?:[a-z]+ ){0,3}writer)$",
    ),
    # A long appeal that opens the paragraph, or its closing sentence, longer than the caps above allow:
    # "Bleiben Sie auf dem Laufenden mit unserem kostenlosen Newsletter ...", "... Wesprzyj nas darowizną."
    "appeal": Furniture(
        300,
        r"^(?:advertising helps (?:fund|support|pay for) our\b|(?:bleib(?:en sie)?|stay) (?:immer )?(?:auf dem laufenden|up to date|informed) (?:mit|with) (?:unserem|meinem|our|my) (?:kostenlosen |free )?newsletter"
        r"|mit (?:meinem|unserem) (?:kostenlosen )?newsletter|ich bin mit der verarbeitung meiner daten"
        r"|if you (?:enjoyed|liked|value) (?:this|our) (?:article|story|journalism)|(?:wenn ihnen|hat ihnen|hat dir) (?:dieser|der) (?:artikel|beitrag) gefall"
        r"|si (?:cet article vous a plu|vous avez aimé cet article)|si te (?:ha gustado|gustó) (?:este|el) artículo|se (?:ti|vi) è piaciuto (?:questo|l')articolo"
        r"|se você gostou (?:deste|do) artigo|jeśli (?:podobał|spodobał) ci się (?:ten )?(?:artykuł|tekst)|follow (?:us|\w+(?: \w+){0,2}) on (?:twitter|facebook|instagram)\b)"
        # a sign-up form's consent, anywhere in it: "X and Y may use my email address ... to send me tailored newsletters"
        r"|\bmay use my e-?mail address\b[^.!?]*\bto send me\b"
        r"|(?:^|[.!?…]\s+)(?:wesprzyj nas|hazte (?:miembro|socio)|jetzt spenden|support (?:us|our journalism)|soutenez-nous|support \w+ and make a difference)\b[^.!?]*[.!?…]*\s*$"
        # a closing call to subscribe ("... for only N$85 a month. Invest in journalism – Subscribe Now!", "Hier geht's
        # zur Anmeldung!"), and a sentence asking to join a messenger channel ("Abonniere den WhatsApp-Kanal von ...")
        r"|(?:^|[.!?…–—-]\s*)(?:subscribe (?:now|today)|(?:jetzt|kostenlos) (?:abonnieren|anmelden)|hier geht['’]?s zur anmeldung|abonnez-vous dès maintenant|suscríbete ahora)\W*$"
        r"|(?:^|[.!?…:]\s+)(?:abonniere|abonnieren sie|folge|folgen sie|join|follow|subscribe to) (?:unseren?|unserem|den|dem|our|the) (?:[^ ]+ ){0,3}(?:whats ?app|telegram)[- ]?(?:kanal|channel)\b",
    ),
    # A contact or address block: a phone number with a fax number or e-mail address, in a line that ends no
    # sentence (`_first_furniture` checks that): "Musterstr. 1 12345 Ulm Tel.: 0731 123-0 E-Mail: info@example.de".
    "contact": Furniture(
        300,
        r"\b(?:tel(?:efon|éfono|efono)?|phone|fon|tél(?:éphone)?)\b\.?\s*:?\s*[+(0-9][0-9 /().+–-]{5}.*\b(?:fax|telefax|e-?mail|mail)\b"
        r"|\b(?:fax|e-?mail)\b.*\b(?:tel(?:efon|éfono|efono)?|phone|fon|tél(?:éphone)?)\b\.?\s*:?\s*[+(0-9][0-9 /().+–-]{5}"
        r"|\b\d{5} [a-zäöüß][a-zäöüß-]+\b.*\b(?:tel|telefon|phone|fon)\b\.?\s*:?\s*[+(0-9][0-9 /().+–-]{5}|\btoll[- ]free\s*:?\s*[+(0-9]"
        r"|^bankverbindung\b|\biban\s*:?\s*[a-z]{2}\s?\d{2}",
    ),
}

# The furniture families whose notices run longer than their caps: a legal footer or disclaimer, consent to
# cookies or to a newsletter's use of one's data, comment rules ("Mit Absenden meiner E-Mail-Adresse willige
# ich ... ein", "COMMENT RULES Comment posters are responsible for ..."). `rules.long_notice` checks them on
# paragraphs longer than every cap up to `NOTICE_MAX_CHARS` and judges where such a notice stands.
LONG_NOTICE_CODES = ("copyright", "cookie", "comment_rules")
NOTICE_MAX_CHARS = 800  # longer, it is prose about privacy or terms (a 1,000 cap cost cleaneval test 0.0004 F1)

# A legal document named as someone else's ("violates its terms of service", "the BBC's privacy policy"):
# a news sentence about it, unless it speaks to the reader. Lower case.
MENTION = (
    r"(?:\bits|\btheir|\w['’]s)\s+(?:own\s+)?(?:terms (?:of|and) (?:use|service|conditions)|privacy (?:policy|notice))"
)
ADDRESSED = r"\b(?:you|your|our|agree|©)|all rights reserved"

# A sentence that opens with a read-more label's word used as a verb or adjective ("Watch how the
# text changes", "Recommended daily amount: ..."), not as the label ("Watch: ...", "Recommended"). Lower case.
LABEL_IN_SENTENCE = r"^(?:watch (?:how|where|what|when|why|out)|recommended (?:daily|dose|dosage|amount|intake|by))\b"

# A line that ends a sentence: a contact block does not.
CLOSED_SENTENCE = r"[.!?]\s*$"

# A byline needs case: "By Jane Doe", "Por Ana M. Gil" but not "by the way". Checked on the original text.
BYLINE_CASED = Furniture(100, r"^(?i:by|por|par|von|door|av|af|przez)\s+\p{Lu}(?:[^.!?]|\b\p{Lu}\.){0,60}$")

# "About the author" in German, with the gender-inclusive spellings German sites print ("Über die
# Autor:in", "Über die Autor*innen", "Über den Autor/ die Autorin"). Lower case.
_ABOUT_AUTHOR_DE = r"über (?:den autor|die autor(?:en|[:*_]?in(?:nen)?))(?:\s*/\s*die autorin)?"

# An author's biography: a name (one to four capitalised words, not a pronoun: `BIO_PRONOUN`) whose verb
# phrase is a role at a publication, in several languages: "Jane Doe is a senior reporter at X covering
# energy.", "Jo covers courts for X.", "Max Muster ist Redakteur im Ressort Wirtschaft.", "Ana Gil es
# periodista ...", "Jan Kowalski jest dziennikarzem ...". Checked on the original text (the name needs its
# case), on paragraphs up to the cap long; `rules.author_bio` judges where it stands.
_BIO_ROLE_EN = (
    r"(?:reporter|writer|editor|correspondent|columnist|journalist|author|contributor|blogger|photographer"
    r"|photojournalist|commentator|broadcaster)"
)
AUTHOR_BIO = Furniture(
    800,
    r"^(?:\p{Lu}[\p{L}'’.-]*,?\s+){1,4}(?i:"
    rf"(?:is|has been|serves as)\s+(?:a|an|the|our)\s+(?:[\p{{L}}\d'’&./-]+\s+){{0,5}}?{_BIO_ROLE_EN}\b"
    r"|writes for\s|(?:covers|writes about)\s[^.!?]{1,120}?\sfor\s(?:the\s)?(?-i:[\p{Lu}\d])"
    r"|can be reached (?:at|by|via)\s"
    r"|(?:ist|arbeitet als|schreibt als)\s+(?:(?:ein|eine|der|die|seit \d+|freie[rs]?|freiberufliche[rs]?|leitende[rs]?"
    r"|stellvertretende[rs]?|ehemalige[rs]?)\s+){0,3}"
    r"\p{L}*(?:redakteur|autor|korrespondent|journalist|reporter|kolumnist|volontär|ressortleiter|blogger"
    r"|fotograf)(?:in)?\b"
    r"|leitet (?:das|die) (?:ressort|redaktion)"
    r"|est\s+(?:(?:un|une|le|la|notre)\s+)?(?:\p{L}+\s+){0,2}?(?:journaliste|rédact(?:eur|rice)|correspondante?"
    r"|chroniqueu(?:r|se)|reporter|éditorialiste|auteure?|autrice|pigiste)\b"
    r"|es\s+(?:(?:un|una|el|la|nuestro|nuestra)\s+)?(?:\p{L}+\s+){0,2}?(?:periodista|redactora?|corresponsal|columnista"
    r"|reporter[oa]?|editora?|autora?|escritora?|cronista)\b"
    r"|è\s+(?:(?:un|una|il|la)\s+)?(?:\p{L}+\s+){0,2}?(?:giornalista|redattor(?:e|rice)|corrispondente|editorialista"
    r"|inviat[oa]|scrittor(?:e|rice))\b"
    r"|é\s+(?:(?:um|uma|o|a)\s+)?(?:\p{L}+\s+){0,2}?(?:jornalista|repórter|redatora?|correspondente|colunista|editora?"
    r"|escritora?)\b"
    r"|is\s+(?:(?:een|de)\s+)?(?:\p{L}+\s+){0,2}?(?:journalist|verslaggever|redacteur|correspondent|columnist"
    r"|schrijver)e?\b"
    r"|jest\s+(?:\p{L}+\s+){0,2}?(?:dziennikar(?:zem|ką)|redaktor(?:em|ką)|korespondent(?:em|ką)|publicyst(?:ą|ką)"
    r"|reporter(?:em|ką)|felietonist(?:ą|ką)))"
    # a heading opening the paragraph, with the biography after it: "About the author: Jo Lee is ..."
    rf"|^\W*(?i:about the author|{_ABOUT_AUTHOR_DE}|zu(?:m autor|r autorin)|sobre (?:el|la) autora?"
    r"|à propos de l'auteure?|sull'autore|o autorze|over de auteur|sobre o autor)\s*[:\-–—]\s*\S"
    # a line of contact for the authors: "Write to Jo Lee at jo.lee@example.com"
    r"|^(?i:write to)\s+\p{Lu}[^@]{0,80}\sat\s+\S+@"
    # a role without the name, which the author box shows apart: "Redakteur in der Wirtschaft.",
    # "Freier Autor in Berlin"
    r"|^(?i:(?:freie[rs]?|freiberufliche[rs]?|leitende[rs]?|stellvertretende[rs]?)\s+)?(?:\p{Lu}\p{L}*)?"
    r"(?i:redakteur|autor|korrespondent|journalist|reporter)(?:in)?\s+(?:in|im|bei|für|aus|und|der|des|seit)\s",
)
# Who wrote or publishes the page, in its own words or its name: a self-introduction in the first
# person ("I'm Amy and ...", "Hallo, ich bin Maria, ...", "Mein Name ist Jo", "I am a writer, ...",
# "Wir sind ein gemeinnütziger Verein", "We are a small team") or a name that is a publication
# ("Gothamist is a website about ...", "ROSAMAG ist ein Online-Magazin ..."), or a name that
# studied ("Jule Muster studierte Sport, ..."), the way an author box opens. A self-introduction
# takes a capitalised name (a capital and a small letter: not "I'm A Celebrity") or an indefinite
# article: not "I'm sure", "We are grateful". Checked on the original text, on paragraphs up to the
# cap long; `rules.author_bio` judges where it stands (below the story only).
SELF_INTRO = Furniture(
    500,
    r"^\W*(?i:(?:hallo|hi|hello|hey|bonjour|hola|cześć|ciao)\W+)?(?i:i am|i'm|i’m|ich bin|je suis|soy|jestem|ik ben"
    r"|my name is|mein name ist|je m'appelle|me llamo)\s+(?:\p{Lu}\p{Ll}|(?:a|an|ein|eine|un|une|una)\s)"
    r"|^(?i:wir sind|we are|we're|we’re|nous sommes|somos|jesteśmy|wij zijn)"
    r"\s+(?i:ein|eine|einer|a|an|un|une|una|een)\s"
    r"|^(?:\p{Lu}[\p{L}\d.'’&-]*\s+){1,4}(?i:is|ist|est|es|jest|è)\s+(?i:a|an|ein|eine|un|une|una|uno|een)\s+"
    r"(?:[\p{L}\d-]+,?\s+){0,3}?[\p{L}-]*?(?i:website|site|webseite|homepage|blog|weblog|magazine|magazin|newspaper"
    r"|zeitung|newsroom|publication|podcast|portal)\b"
    r"|^(?:\p{Lu}\p{L}+\s+){2,3}(?:studierte|studied|studiert)\s",
)
# A pronoun or pointer word that opens a sentence like a name: "He is the author of ...", "This is a writer's ...".
BIO_PRONOUN = (
    r"^(?i:he|she|they|it|this|that|these|those|there|here|who|what|which"
    r"|er|sie|es|il|elle|él|ella|lui|lei|ele|ela|hij|zij|on|ona)\s"
)

# A contact token known by its shape, in any language, for an address or contact block that
# names no "Tel" or "E-Mail" (`rules.contact_block`): an e-mail address; a phone number ("+49 30
# 1234567", "(206) 448-8000", "206-448-8000", "1-800-555-0199", "0731 123-0"); a postcode before
# a town ("D-72766 Reutlingen", "3003 Bern"; not a year: "2018 Festival") or after a state ("WA
# 98119"); a British or Canadian postcode ("SY10 8NN", "B3K 5M1"); a "www." domain; "c/o".
# Checked on the original text: postcodes and towns need their case. ASCII classes but for the
# town's letters: with Unicode ones (\w, \p{Lu}) throughout, finding the matches' starts to cut
# them out cost 4x (0.33 µs a trafilatura paragraph).
_POSTCODE_TOWN = r"\b(?:[A-Z]{1,2}-)?(?:\d{5}|[03-9]\d{3}|1[0-7]\d\d|2[1-9]\d\d) \p{Lu}\p{Ll}+"
CONTACT_TOKEN = (
    r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
    r"|\+\d{1,3}[\s.-]?(?:\(0?\d{1,5}\)[\s.-]?)?\d{1,5}(?:[\s./-]{1,3}\d{2,})+"
    r"|\(\d{3,5}\)\s?\d{3,4}[\s.-]?\d{3,5}|\b\d{3}[.-]\d{3}[.-]\d{4}\b|\b1-8\d\d-[\dA-Z]{3}-?[\dA-Z]{4}"
    rf"|(?:^|[^A-Za-z0-9_.,])0\d{{2,4}}[ /-]{{1,3}}\d{{3,}}|\b[A-Z]{{2}},? \d{{5}}(?:-\d{{4}})?\b|{_POSTCODE_TOWN}"
    r"|\b[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}\b|\b[A-Z]\d[A-Z] \d[A-Z]\d\b"
    r"|\bwww\.[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+|\b[cC]/[oO]\b"
)
CONTACT_MIN_TOKENS = 2  # one number or address alone is often news: "call 0800 123 456"
CONTACT_MAX_CHARS = 300  # as the `contact` pattern's cap
# Of the words beside its contact tokens, at most this share open in lower case: a block is
# names, streets, towns and labels, while a news sentence giving a number or an address ("The
# council says residents should call ...") has verbs and function words. Caseless scripts have none.
CONTACT_LOWER_SHARE = 0.34

# A date and a clock time in a short line that ends no sentence: a dateline or a comment header
# ("Jo Lee, 3 May 2024 10:31"). Lower case; matched apart from the other patterns, as joining it to
# them makes the combined scan 15 times slower.
DATELINE = Furniture(100, rf"(?:{_DATE}.{{0,40}}{_TIME}|{_TIME}.{{0,40}}{_DATE})(?:.*[^.!?\s]|.*[ap]\.m\.)\s*$")

# The line that opens a reader comment section: a count of comments or responses ("12 Comments",
# "{ 53 comments… read them below or add one }", "3 Responses to “Title”", "There are 7 comments"),
# its heading or prompt ("Comments (4)", "Leave a Reply", "Have your say", "Kommentare"), a trackback
# line, or a notice that comments are closed; not a comment form's field label ("Comment:"), nor "No
# comment" (a refusal to comment, or the name of Euronews' programme: "no" counts with a plural). Lower
# case. An end marker (`END_MARKER`) that also ends the article when comment headers follow it,
# however much of the page's prose is below it (`rules.stages`).
COMMENT_OPENER = (
    r"^\W*(?:(?:\d+|one)\s+(?:comments?|responses?)|no\s+(?:comments|responses)|(?:\d+|one|no)\s+(?:replies|thoughts|reactions))"
    r"(?:\W*$|\W+(?:to|on|about|so far|read)\b)"
    r"|^there (?:are|is) \d+ (?:comments?|responses?)\b"
    r"|^\W*(?:comments?|responses?|replies|reader comments|leave a (?:comment|reply)|post a comment"
    r"|add (?:a|your) comments?|join the (?:discussion|conversation)|have your say"
    r"|comentários?|comentarios|commentaires|kommentare|commenti|комментари\w*|reacties|komentarze)[^\w:]*(?:\(\d+\)[^\w:]*)?$"
    r"|^trackback(?: ur[li])?\b|comments are (?:now )?closed|comments on this (?:article|post|story|entry) are (?:now )?closed"
    r"|no longer accepting comments|you can follow any responses to this entry|^be the first to (?:post a )?comment"
)

# Markers after which nothing belongs to the article: comment-section and related-content
# headings (whole paragraph), comment forms and legal footers, comment-section openers. Lower case.
END_MARKER = Furniture(
    200,
    r"^(?:\d+\s+)?(?:comments?|responses?|replies|reactions|leave a (?:comment|reply)"
    r"|post a comment|add (?:a|your) comment|join the (?:discussion|conversation)|discussion"
    r"|reader comments|comentários?|comentarios|commentaires|kommentare|commenti|комментари\w*"
    r"|related(?: articles?| stories| posts| content| coverage| news| reading)?|read next"
    r"|(?:more from|also on) (?:\S+ ?){1,3}|more (?:stories|news|articles)|you (?:may|might) also like"
    r"|recommended(?: for you| reading| stories)?|most (?:read|popular|viewed)|trending(?: now)?"
    r"|latest (?:news|stories|articles)|further reading|about the author|share this (?:article|story|post)"
    r"|leia também|veja também|à lire aussi|关联文章|関連記事|相关文章|читайте также)[^\w:]*$"
    # the same in other languages, where a colon may end the heading ("Das könnte Sie auch interessieren:"),
    # and German broadcasters' "Quellen:" over the list of sources that closes a story (English "Sources:"
    # is not here: on cleaneval and dragnet pages the sources it heads are part of the article)
    rf"|^(?:mehr zu(?:m| diesem) thema|{_ABOUT_AUTHOR_DE}|das könnte sie (?:auch )?interessieren|(?:weitere|ähnliche) artikel"
    r"|à propos de l'auteur|sur le même sujet|sobre el autor|(?:noticias|notícias) relacionadas|articoli correlati"
    r"|podobne artykuły|komentarze|gerelateerde artikelen|reacties|dieses thema im programm|quellen)[^\w:]*:?\s*$"
    # a comment section's heading with its count: "All Comments 4", "Kommentare: 10", "Comments (12)"
    r"|^(?:all\s+)?(?:comments?|kommentare|commentaires|comentarios|comentários|commenti|reacties|komentarze)"
    r"\s*[(:]?\s*\d+\)?$"
    r"|leave a (?:comment|reply)|you must be (?:logged in|signed in) to"
    rf"|{COMMENTS_CLOSED}"
    r"|view the discussion thread|required fields are marked|"
    + EMAIL_NOT_PUBLISHED
    # "Leave a reply" in other languages, a comment form's heading (WordPress's translations)
    + r"|^(?:schreibe|hinterlasse) einen kommentar|^(?:laisser|laissez) un commentaire|^deja (?:un comentario|una respuesta)"
    r"|^lascia un commento|^deixe (?:um comentário|uma resposta)|^(?:geef|laat) een reactie|^dodaj komentarz"
    r"|all rights reserved|todos los derechos reservados|tous droits réservés|alle rechte vorbehalten"
    r"|direitos reservados|tutti i diritti riservati|" + COMMENT_OPENER,
)

# A copyright line that credits material reprinted in the body ("Copyright Aetna, Inc., 1992. All rights
# reserved. Used with permission"): it sits under that figure or excerpt, not at the page's foot, so it ends
# no article (it is still flagged as copyright). Lower case.
REPRINT_CREDIT = (
    r"\b(?:used|reprinted|reproduced|republished) (?:here )?(?:by|with) (?:the )?(?:kind )?permission"
    r"|mit freundlicher genehmigung|avec l'aimable autorisation|con (?:el )?permiso de|per gentile concessione|com permissão d"
)

# A legal footer too long for the copyright pattern's cap opens with its notice: "© 2020 Condé Nast.
# All rights reserved. Use of this site ...", "Copyright and Trade Mark Notice © 2008 owned by ...",
# "©News Group Newspapers Limited ..." (its "Â©" when a page's UTF-8 was read as Latin-1). Lower case;
# checked on the first 100 characters of paragraphs longer than every cap.
LEGAL_OPENING = r"^\W*â?©|^.{0,80}(?:©|\(c\)|copyright)\s*(?:(?:19|20)\d\d|©)"
# Any text LEGAL_OPENING can match holds one of these (on the original case).
LEGAL_HINT = r"©|\([cC]\)|(?i:copyright)"

# Sentence-final punctuation in several scripts; a fragment without it is not prose.
SENTENCE_END = r"[.!?…:;。！？」』\"'”’»)\]]\s*$"

MAX_CHARS = max(f.max_chars for f in FURNITURE.values())  # the longest cap of a furniture pattern


def fast(pattern: str) -> str:
    """ASCII word boundaries and digits: Unicode ones push Rust regex off its fast DFA (10x)."""
    return pattern.replace(r"\b", r"(?-u:\b)").replace(r"\d", "[0-9]")


def _branches(regex: str) -> list[str]:
    """The top-level alternatives of a regex (split at `|` outside groups and classes)."""
    out, depth, in_class, start, i = [], 0, False, 0, 0
    while i < len(regex):
        c = regex[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c in "()":
            depth += 1 if c == "(" else -1
        elif c == "|" and depth == 0:
            out.append(regex[start:i])
            start = i + 1
        i += 1
    return [*out, regex[start:]]


def _joined(parts: list[tuple[int, str]]) -> tuple[int, str]:
    """Alternatives (length cap, regex) as one regex, with the longest cap among them."""
    return max(cap for cap, _ in parts), "|".join(f"(?:{fast(b)})" for _, b in parts)


def _escaped(literal: str) -> str:
    """A literal string as a regex matching it (the regex crate's meta characters escaped)."""
    return re.sub(r"[\\.+*?()|\[\]{}^$#&\-~]", r"\\\g<0>", literal)


# Every top-level alternative of the patterns (length cap, regex), and the literals one of which
# each alternative's matches hold (`literals.required_literals`; None if it has none, which a test forbids).
_PARTS = [(f.max_chars, b) for f in FURNITURE.values() for b in _branches(f.regex)]
LITERALS: dict[str, frozenset[str] | None] = {b: required_literals(b) for _, b in _PARTS}


# The literals of the long-notice families' alternatives in one regex: only the long paragraphs holding one
# are scanned by those families' regexes (9% of the trafilatura pages' 400 to 800 characters long).
_NOTICE_LITERALS = {w for c in LONG_NOTICE_CODES for b in _branches(FURNITURE[c].regex) for w in LITERALS[b] or ()}
NOTICE_KEYWORDS = "|".join(sorted(map(_escaped, minimal(_NOTICE_LITERALS))))


def _filtered(branch: str) -> bool:
    """Whether an alternative is scanned only in paragraphs holding one of its literals.

    One anchored at the start is not: the regex engine tries it at the first character only, so
    all of them joined scan news in 0.05 µs a paragraph, and their literals are common words
    ("watch", "share", "print", "ap") that would send most paragraphs to the full scans.
    """
    return LITERALS[branch] is not None and not branch.startswith("^")


# The literals of the filtered alternatives (`minimal`) as a list and in one regex (the regex
# crate's literal search: 0.4 µs a paragraph on BBC, against 1.1 for Polars' `str.contains_any` with
# these 900 literals), and the alternatives that every short paragraph goes through in one regex.
# That one sits near the size at which the engine's lazy DFA gives up (its states are the anchored
# alternatives' combined): Unicode classes repeated in a new anchored alternative (`\W*`, `\s+`,
# `[^\W\d_]{3,60}`) took its scan of BBC from 7 to 340 ms, 5 µs a paragraph, on 2026-12-06; a
# literal space or an ASCII class keeps it there. Check a new one with `make bench-stages`.
_WORDS = sorted(minimal({w for _, b in _PARTS if _filtered(b) for w in LITERALS[b] or ()}))
_KEYWORDS = "|".join(map(_escaped, _WORDS))
_UNFILTERED = _joined([(cap, b) for cap, b in _PARTS if not _filtered(b)])


def _routes(parts: list[tuple[int, str]], words: list[str]) -> pl.DataFrame:
    """For each literal of `words`, the filtered alternatives `parts` (length cap, regex) that a text
    holding it may match, joined into one regex per cap: those with a required literal holding it.

    Every match of an alternative holds one of its literals, and each of those holds one of `words`
    (`minimal` keeps a literal only when it holds no shorter one), so the routes of the words a
    paragraph holds reach every alternative it can match. Most paragraphs that hold a literal hold
    a common one ("tel" in "hotel", "epa" in "separate") whose route is one to a few alternatives;
    scanning them by every filtered alternative instead cost 1.2 µs a BBC paragraph against 0.4.
    Small joined regexes also stay inside the regex engine's lazy DFA, which all the alternatives
    joined overflow (a slower engine: 3 µs a BBC paragraph, 17 on the mostly German trafilatura pages).
    """
    known = set(words)
    rows: dict[tuple[str, int], list[str]] = {}
    for cap, branch in parts:
        # the words among its literals' substrings, a look-up each: every word against every literal
        # took 0.17 s of each process's import, this 0.03
        held = {lit[i:j] for lit in LITERALS[branch] or () for i in range(len(lit)) for j in range(i + 1, len(lit) + 1)}
        for word in held & known:
            rows.setdefault((word, cap), []).append(f"(?:{fast(branch)})")
    return pl.DataFrame(
        [(word, cap, "|".join(branches)) for (word, cap), branches in rows.items()],
        schema={"_word": pl.String, "_cap": pl.Int64, "_route": pl.String},
        orient="row",
    )


_ROUTES = _routes([(cap, b) for cap, b in _PARTS if _filtered(b)], _WORDS)


def matches(lower: pl.Expr, n_chars: pl.Expr, pattern: Furniture) -> pl.Expr:
    """Whether a paragraph short enough for `pattern` matches it, in `lower`, its lower-cased text:
    `short_lower`'s serves any pattern capped at 400 characters or less, so that the end markers
    reuse the furniture scan's (lower-casing again cost 0.46 µs a paragraph on the trafilatura pages).

    The alternatives anchored at the start and the others are two scans (`_anchored_apart`): joined,
    the anchored ones keep the regex engine from searching for the others' literals (the end
    markers: 0.40 µs a BBC paragraph in one scan, 0.25 in two)."""
    short = n_chars <= pattern.max_chars
    text = pl.when(short).then(lower)
    return short & pl.any_horizontal(text.str.contains(fast(regex)) for regex in _anchored_apart(pattern.regex))


def _anchored_apart(regex: str) -> list[str]:
    """`regex` as its top-level alternatives anchored at the start joined, and the others joined
    (one regex when all or none are anchored): a text matches `regex` when it matches either."""
    branches = _branches(regex)
    anchored = [b for b in branches if b.startswith("^")]
    others = [b for b in branches if not b.startswith("^")]
    return ["|".join(group) for group in (anchored, others) if group]


def short_lower(text: pl.Expr, n_chars: pl.Expr) -> pl.Expr:
    """Lower-cased text of the paragraphs short enough for a furniture pattern, else null.

    Patterns are lower case and run on short paragraphs only, as case-insensitive matching and
    scanning long body paragraphs dominate the cost.
    """
    return pl.when(n_chars <= MAX_CHARS).then(text.str.to_lowercase())


def _is_byline(text: pl.Expr, n_chars: pl.Expr, lower: pl.Expr) -> pl.Expr:
    """A cased byline, or a dateline (in `lower`, the lower-cased text; short paragraphs only)."""
    short = n_chars <= BYLINE_CASED.max_chars
    dated = pl.when(short).then(lower).str.contains(fast(DATELINE.regex)).fill_null(False)
    return short & (text.str.contains(fast(BYLINE_CASED.regex)) | dated)


# Lines a code's pattern matches that are news sentences, not that furniture (on lower-cased text).
NOT_FURNITURE: dict[str, Callable[[pl.Expr], pl.Expr]] = {
    "copyright": lambda lower: lower.str.contains(fast(MENTION)) & ~lower.str.contains(fast(ADDRESSED)),
    "read_more": lambda lower: lower.str.contains(fast(LABEL_IN_SENTENCE)),
    "contact": lambda lower: lower.str.contains(CLOSED_SENTENCE),
}


def _first_furniture(text: pl.Expr, n_chars: pl.Expr, lower: pl.Expr) -> pl.Expr:
    """Reason code of the first furniture pattern matching a short paragraph (`lower`: lower-cased), else null."""
    expr = pl.when(_is_byline(text, n_chars, lower)).then(pl.lit("byline"))
    for code, pattern in reversed(FURNITURE.items()):
        hit = (n_chars <= pattern.max_chars) & lower.str.contains(fast(pattern.regex))
        if code in NOT_FURNITURE:
            hit = hit & ~NOT_FURNITURE[code](lower)
        expr = pl.when(hit).then(pl.lit(code)).otherwise(expr)
    return expr


def _scanned(lower: pl.Expr, n_chars: pl.Expr, cap: int, regex: str) -> pl.Expr:
    """Whether `regex` matches a paragraph no longer than `cap`."""
    return pl.when(n_chars <= cap).then(lower).str.contains(regex).fill_null(False)


def _may_match(paragraphs: pl.DataFrame) -> pl.Series:
    """True where any furniture pattern could match, on text lower-cased once: the unfiltered
    alternatives and bylines on every short paragraph, the filtered ones only on paragraphs holding
    one of their literals (12% of BBC's, 17% of the trafilatura pages'), each by the routes of the
    literals it holds (`_routed`)."""
    text, n_chars, lower = pl.col("text"), pl.col("n_chars"), pl.col("_lower")
    short = paragraphs.select(text, n_chars, lower)
    first = short.select(
        _keyword=lower.str.contains(_KEYWORDS).fill_null(False),
        _hit=_scanned(lower, n_chars, *_UNFILTERED) | _is_byline(text, n_chars, lower),
    )
    rows, hit = first["_keyword"].arg_true(), first["_hit"]
    return hit.scatter(rows, hit.gather(rows) | _routed(short[rows]))


def _routed(short: pl.DataFrame) -> pl.Series:
    """Whether each paragraph of `short` (its `_lower` and `n_chars`) matches a filtered alternative,
    scanned by the routes (`_ROUTES`) of every literal it holds, overlapping ones included."""
    lower, n_chars = pl.col("_lower"), pl.col("n_chars")
    pairs = (
        short.select(lower, n_chars.cast(pl.Int64), _row=pl.int_range(pl.len(), dtype=pl.UInt32))
        .with_columns(_word=lower.str.extract_many(_WORDS, overlapping=True))
        .explode("_word")
        .join(_ROUTES, on="_word")
        .filter(n_chars <= pl.col("_cap"))
    )
    rows = pairs.filter(lower.str.contains(pl.col("_route")))["_row"].unique()
    return pl.zeros(short.height, pl.Boolean, eager=True).scatter(rows, True)


def furniture_codes(paragraphs: pl.DataFrame) -> pl.Series:
    """The first matching furniture code of every paragraph, evaluated only where some pattern may
    match (2% of news). The text is lower-cased here unless `paragraphs` holds it as `_lower`
    (`short_lower`'s), as `flag.with_signals` makes it once for these patterns and the end markers."""
    if "_lower" not in paragraphs.columns:
        paragraphs = paragraphs.with_columns(_lower=short_lower(pl.col("text"), pl.col("n_chars")))
    text, n_chars, lower = pl.col("text"), pl.col("n_chars"), pl.col("_lower")
    rows = _may_match(paragraphs).arg_true()
    found = paragraphs.select(text, n_chars, lower)[rows].select(_first_furniture(text, n_chars, lower)).to_series()
    codes = pl.repeat(None, paragraphs.height, dtype=pl.String, eager=True).scatter(rows, found)
    return codes.scatter(_long_legal_footers(paragraphs), "copyright")


def _long_legal_footers(paragraphs: pl.DataFrame) -> pl.Series:
    """Row numbers of the paragraphs longer than every cap that open with a copyright notice
    (`LEGAL_OPENING`): a literal pre-scan (0.05 µs a paragraph on BBC, where lower-casing the first
    100 characters of every long paragraph cost 0.38) leaves the regex a few rows naming ©."""
    text, n_chars = pl.col("text"), pl.col("n_chars")
    rows = paragraphs.select((n_chars > MAX_CHARS) & text.str.contains(LEGAL_HINT)).to_series().arg_true()
    opens = paragraphs.select(text)[rows].select(
        text.str.head(100).str.to_lowercase().str.contains(fast(LEGAL_OPENING))
    )
    return rows.filter(opens.to_series())
