"""Demo texts for the Toolkit (seed_toolkit). Written for the demo, short and general;
every page says so at the top ("Demotekst"). Not legal advice."""

from __future__ import annotations

from datetime import date
from typing import Any

DEMO = (
    "> **Demotekst.** Deze pagina is voorbeeldtekst voor de demo van het platform. "
    "Ze is kort en algemeen en vervangt geen advies van een dienst of een jurist.\n\n"
)
CHECKED = date(2026, 10, 1)


def _page(slug, title, chapter, position, summary, body, *, domains, people, related=(), visibility="public"):
    return {
        "slug": slug,
        "title": title,
        "chapter": chapter,
        "position": position,
        "summary": summary,
        "body": DEMO + body.strip() + "\n",
        "domains": list(domains),
        "people": list(people),
        "related": list(related),
        "visibility": visibility,
        "last_checked": CHECKED,
    }


PAGES = [
    # ------------------------------------------------------------ Chapter 1: background
    _page(
        "de-mens-centraal",
        "De mens centraal, los van het verblijfsstatuut",
        "background",
        1,
        "Waarom onze groepen iedereen ondersteunen, met of zonder papieren.",
        """
## Waar we voor staan

De groepen van het netwerk steunen mensen op de vlucht omdat het mensen zijn, niet omdat
ze een bepaald statuut hebben. Een erkende vluchteling, iemand die nog in de asielprocedure
zit en een mens zonder wettig verblijf zijn voor ons allemaal even welkom.

## Wat dat in de praktijk betekent

- Je vraagt niet naar het verblijfsstatuut als dat voor de hulp niet nodig is.
- Wat je toch weet over iemands statuut, houd je binnen je groep.
- Je spreekt over *mensen op de vlucht* of *mensen zonder wettig verblijf*, niet over
  "illegalen".

## Grenzen

Niet elke hulp kan voor iedereen hetzelfde zijn: sommige rechten hangen wel af van het
statuut. Verwijs dan door naar een dienst die daarover advies mag geven.
""",
        domains=["volunteer-support"],
        people=["volunteers", "without-residence", "asylum-seeker", "recognised-refugee"],
        related=["aard-van-de-hulp", "relatie-met-lokale-diensten"],
    ),
    _page(
        "relatie-met-lokale-diensten",
        "De relatie met lokale openbare diensten",
        "background",
        2,
        "Samenwerken met het OCMW, de gemeente, de school en andere diensten.",
        """
## Partners, geen tegenstanders

Vrijwilligers komen vaak samen met een nieuwkomer bij het OCMW, de gemeente of de school.
Een goede relatie met die diensten helpt iedereen. Leer de mensen achter het loket kennen,
vraag hoe zij werken en spreek af wie wat doet.

## Tips

- Ga mee als de persoon dat wil, maar laat hem of haar zelf het woord doen.
- Vraag een naam en een rechtstreeks nummer van een contactpersoon.
- Noteer afspraken en beslissingen, zodat je later kunt nagaan wat er is gezegd.

## Als het misloopt

Een weigering of een lange wachttijd is soms een signaal voor het beleid. Bespreek het in
je groep en laat het weten aan het secretariaat van het netwerk.
""",
        domains=["volunteer-support", "integration"],
        people=["volunteers"],
        related=["recht-op-maatschappelijke-integratie", "maatschappelijke-rol"],
    ),
    _page(
        "aard-van-de-hulp",
        "De aard van de hulp: wat vrijwilligers wel en niet doen",
        "background",
        3,
        "Helper, aanspreekpunt, doorverwijzer: de rol en de grenzen van een vrijwilliger.",
        """
## Wat je doet

Een vrijwilliger is helper, aanspreekpunt, doorverwijzer en verbinder. Je luistert, je gaat
mee naar afspraken, je helpt een brief te begrijpen en je zoekt samen uit wie verder kan
helpen.

## Wat je niet doet

Psychosociale begeleiding, juridisch advies en een traject naar werk horen bij
professionals. Twijfel je, verwijs dan door naar bijvoorbeeld het CAW, een advocaat of de
VDAB.

## Zorg voor jezelf

Bewaak je eigen grenzen. Spreek in je groep af hoe bereikbaar je bent en praat over wat je
meemaakt met andere vrijwilligers.
""",
        domains=["volunteer-support", "health"],
        people=["volunteers"],
        related=["de-mens-centraal", "vrijwilligers-werven-en-houden"],
    ),
    _page(
        "vrijwilligers-werven-en-houden",
        "Vrijwilligers werven en houden",
        "background",
        4,
        "Nieuwe vrijwilligers vinden, goed onthalen en niet laten opbranden.",
        """
## Werven

Mensen worden vaak vrijwilliger omdat iemand het hen persoonlijk vraagt. Vertel over
concrete taken: één avond per week taalbabbel, huiswerkbegeleiding op woensdag, samen een
woning zoeken.

## Onthalen

Geef een nieuwe vrijwilliger een vast aanspreekpunt, een korte kennismaking met de groep en
de afspraken over privacy. Laat hem of haar eerst meelopen met iemand met ervaring.

## Houden

Een goede match is goud waard: dezelfde taal, ook kinderen, een gedeelde hobby. Zeg geregeld
dank, vier wat lukt en zorg voor intervisie waar vrijwilligers hun ervaringen delen.
""",
        domains=["volunteer-support"],
        people=["volunteers"],
        related=["aard-van-de-hulp"],
        visibility="members",
    ),
    _page(
        "tolken-en-vertalen",
        "Tolken en vertalen",
        "background",
        5,
        "Een tolk vinden voor een gesprek bij de dokter, het OCMW of de school.",
        """
## Wie boekt een tolk?

Een privépersoon kan de sociale tolkendienst van het Agentschap Integratie en Inburgering
niet zelf boeken. Het OCMW, het CAW, een school of een ziekenhuis kan dat wel: vraag bij het
maken van de afspraak of zij een sociaal tolk of een tolk via de telefoon voorzien.

## Informele tolken

Vrijwilligers die een taal spreken, helpen vaak als informele tolk. Zeg vooraf waarover het
gesprek gaat, zodat iemand kan weigeren als het onderwerp te gevoelig of te persoonlijk is.
Hoe gevoeliger het onderwerp, hoe zorgvuldiger je de tolk kiest.

## Kinderen als tolk

Vraag kinderen zo weinig mogelijk om voor hun ouders te tolken, zeker niet bij de dokter of
bij slecht nieuws.
""",
        domains=["volunteer-support", "health", "integration"],
        people=["volunteers", "newcomer"],
        related=["aard-van-de-hulp", "relatie-met-lokale-diensten"],
    ),
    _page(
        "juridisch-advies-en-advocaat",
        "Juridisch advies en een advocaat (pro deo)",
        "background",
        6,
        "Waar iemand gratis juridisch advies en een pro-Deoadvocaat krijgt.",
        """
## Eerste advies

Voor een eerste juridisch advies kun je gratis terecht bij de eerstelijnsbijstand: zitdagen
van advocaten in het justitiehuis, het vredegerecht of het OCMW, en bij de juridische
helpdesk van het Agentschap Integratie en Inburgering.

## Een pro-Deoadvocaat

Wie een laag inkomen heeft, krijgt een gratis of goedkope advocaat via het Bureau voor
Juridische Bijstand (BJB) van de balie. Asielzoekers hebben daar in de procedure recht op.
Neem de documenten mee die het inkomen aantonen.

## De rol van de vrijwilliger

Je geeft zelf geen juridisch advies. Help de vragen op papier te zetten, ga mee naar de
afspraak als de persoon dat wil en bewaar kopieën van de brieven.
""",
        domains=["volunteer-support", "finances"],
        people=["asylum-seeker", "without-residence", "recognised-refugee", "volunteers"],
        related=["aard-van-de-hulp"],
    ),
    # ------------------------------------------------------------ Chapter 2: social role
    _page(
        "maatschappelijke-rol",
        "De maatschappelijke rol van vrijwilligersorganisaties",
        "social-role",
        1,
        "Gastvrijheid zichtbaar maken en signalen doorgeven aan het beleid.",
        """
## Meer dan hulp

Lokale groepen zijn een brug tussen nieuwkomers en de buurt. Ze tonen dat een gemeente
gastvrij kan zijn en brengen mensen samen die elkaar anders niet zouden ontmoeten.

## Signalen doorgeven

Groepen zien structurele problemen vaak als eersten: te weinig betaalbare woningen, lange
wachttijden, jongeren die op hun achttiende hun verblijf verliezen. Bundel die ervaringen
en geef ze door via het netwerk, zodat beleid en middenveld ermee aan de slag kunnen.

## Sensibiliseren

Vertel verhalen, met toestemming van de mensen over wie ze gaan. Een infoavond of een
wereldmaaltijd maakt het werk van de groep zichtbaar.
""",
        domains=["volunteer-support", "informal-network"],
        people=["volunteers"],
        related=["relatie-met-lokale-diensten"],
    ),
    # ------------------------------------------------------------ Chapter 3: homework
    _page(
        "huiswerk-inleiding",
        "Inleiding: het huiswerk na de erkenning",
        "homework",
        1,
        "Na de erkenning begint een lange lijst administratieve taken.",
        """
## Een nieuwe start, veel papier

Wie erkend wordt als vluchteling of subsidiaire bescherming krijgt, moet de
opvangstructuur binnen ongeveer twee maanden verlaten. In die korte tijd moet er veel
gebeuren: een woning vinden, een adres aangeven, een inkomen regelen, een ziekenfonds
kiezen en de kinderen naar school brengen.

## Hoe je als vrijwilliger helpt

Werk met een lijst, doe de stappen samen en leg uit waarom elke stap nodig is. Zo leert de
persoon het systeem zelf kennen. De volgende pagina's behandelen elk onderwerp apart.
""",
        domains=["volunteer-support", "housing", "finances"],
        people=["recognised-refugee", "subsidiary-protection"],
        related=["checklist-huiswerk", "wonen-eigen-adres"],
    ),
    _page(
        "checklist-huiswerk",
        "Checklist van het huiswerk na de erkenning",
        "homework",
        2,
        "De belangrijkste stappen op één rij.",
        """
## De eerste weken

1. Zoek een woning en teken een huurcontract.
2. Geef je nieuwe adres aan bij de gemeente.
3. Vraag leefloon of andere steun aan bij het OCMW van je nieuwe gemeente.
4. Sluit je aan bij een ziekenfonds en kies een huisarts.
5. Open een bankrekening als dat nog niet gebeurd is.

## Daarna

6. Start of zet het inburgeringstraject verder.
7. Vraag het Groeipakket aan voor de kinderen.
8. Schrijf de kinderen in op school of in de kinderopvang.
9. Schrijf je in als werkzoekende.
10. Zet een overzicht van vaste kosten op.
""",
        domains=["volunteer-support", "housing", "finances", "health", "education"],
        people=["recognised-refugee", "subsidiary-protection"],
        related=["huiswerk-inleiding", "recht-op-maatschappelijke-integratie"],
    ),
    _page(
        "recht-op-maatschappelijke-integratie",
        "Recht op maatschappelijke integratie: OCMW en leefloon",
        "homework",
        3,
        "Wie te weinig inkomen heeft, kan bij het OCMW leefloon aanvragen.",
        """
## Wat is het leefloon?

Het leefloon is een minimuminkomen dat het OCMW toekent aan wie niet genoeg middelen heeft.
Het hoort bij het recht op maatschappelijke integratie. Ook erkende vluchtelingen kunnen het
aanvragen bij het OCMW van de gemeente waar ze wonen.

## De aanvraag

- Het OCMW onderzoekt de situatie (inkomen, woning, gezin).
- Vaak wordt een geïndividualiseerd project voor maatschappelijke integratie (GPMI)
  afgesproken, bijvoorbeeld een opleiding of taallessen.
- Vraag altijd een ontvangstbewijs van de aanvraag en een schriftelijke beslissing.

## Als je het niet eens bent

Tegen een beslissing van het OCMW kun je in beroep gaan bij de arbeidsrechtbank. Zoek daar
hulp bij, bijvoorbeeld via het CAW of een advocaat.
""",
        domains=["finances", "integration"],
        people=["recognised-refugee", "subsidiary-protection"],
        related=["budgetbeheer-vaste-kosten", "wonen-eigen-adres"],
    ),
    _page(
        "wonen-eigen-adres",
        "Wonen: een eigen adres vinden",
        "homework",
        4,
        "Een woning zoeken, de huurwaarborg betalen en je adres aangeven.",
        """
## Zoeken

De woningmarkt is krap. Zoek breed: immokantoren, sociale verhuurkantoren (SVK), kennissen en
de netwerken van je groep. Een woonbuddy die mee gaat kijken en bellen helpt vaak.

## De huurwaarborg

Bij een nieuw huurcontract vraagt de verhuurder meestal een huurwaarborg. Het OCMW kan
helpen met een waarborg of een voorschot. Sommige groepen geven een kleine renteloze lening
die de huurder terugbetaalt in zijn eigen tempo.

## Je adres aangeven

Geef het nieuwe adres zo snel mogelijk aan bij de dienst bevolking van de gemeente. De
wijkagent komt daarna nagaan of je er echt woont.
""",
        domains=["housing", "finances"],
        people=["recognised-refugee", "subsidiary-protection", "family-reunification"],
        related=["recht-op-maatschappelijke-integratie", "energie-en-water"],
    ),
    _page(
        "inburgering",
        "Inburgering",
        "homework",
        5,
        "Nederlands leren, de samenleving leren kennen en een eigen netwerk opbouwen.",
        """
## Wat houdt het in?

Het inburgeringstraject in Vlaanderen bestaat uit lessen Nederlands, een cursus
maatschappelijke oriëntatie, begeleiding naar werk of opleiding en een participatietraject.
Voor veel nieuwkomers, ook erkende vluchtelingen, is inburgering verplicht.

## Waar?

Het Agentschap Integratie en Inburgering begeleidt het traject. In Brussel gelden eigen
regels; vraag er informatie bij een onthaalbureau.

## Hoe helpen vrijwilligers?

Oefen Nederlands in een taalbabbel, help met huiswerk van de les en neem iemand mee naar
een vereniging of de bibliotheek.
""",
        domains=["integration", "informal-network"],
        people=["recognised-refugee", "subsidiary-protection", "newcomer"],
        related=["werk"],
    ),
    _page(
        "gezondheidszorg",
        "Gezondheidszorg",
        "homework",
        6,
        "Aansluiten bij een ziekenfonds en een vaste huisarts kiezen.",
        """
## Het ziekenfonds

Wie in België woont, sluit zich aan bij een ziekenfonds (mutualiteit). Dat betaalt een deel
van de kosten van dokter, ziekenhuis en geneesmiddelen terug. Vraag ook of je recht hebt op
de verhoogde tegemoetkoming: dan betaal je minder.

## Een vaste huisarts

Kies een huisarts in de buurt en vraag een globaal medisch dossier (GMD) aan. Een vaste
huisarts kent je geschiedenis en verwijst door als dat nodig is.

## Mensen zonder wettig verblijf

Voor mensen zonder wettig verblijf bestaat dringende medische hulp, aan te vragen via het
OCMW. Dat gaat om meer dan alleen spoedgevallen.
""",
        domains=["health"],
        people=["recognised-refugee", "subsidiary-protection", "without-residence"],
        related=["ongeneeslijke-ziekte-en-overlijden"],
    ),
    _page(
        "gezinshereniging",
        "Gezinshereniging",
        "homework",
        7,
        "Het gezin laten overkomen: snel beginnen loont.",
        """
## Snel beginnen

Een erkende vluchteling kan zijn kerngezin laten overkomen. Wie de aanvraag snel na de
erkenning indient, moet aan minder voorwaarden voldoen; later gelden onder meer voorwaarden
over inkomen en huisvesting. Voor subsidiaire bescherming gelden strengere regels. De
termijnen en voorwaarden veranderen geregeld: vraag na wat vandaag geldt.

## De aanvraag

Het gezinslid dient de visumaanvraag in bij een Belgische ambassade of consulaat. Daar
zijn documenten nodig die de band bewijzen, zoals een huwelijks- of geboorteakte.

## Hulp vragen

De procedure is ingewikkeld en duur. Verwijs door naar een gespecialiseerde dienst. Kleine
renteloze leningen van een groep kunnen de kosten van reis en visum helpen dragen.
""",
        domains=["informal-network", "finances"],
        people=["recognised-refugee", "subsidiary-protection", "family-reunification"],
        related=["wonen-eigen-adres"],
    ),
    _page(
        "groeipakket",
        "Kinderbijslag: het Groeipakket",
        "homework",
        8,
        "De Vlaamse gezinsbijslag voor elk kind.",
        """
## Wat is het Groeipakket?

Het Groeipakket is de Vlaamse gezinsbijslag. Elk kind dat in Vlaanderen woont, heeft recht
op een basisbedrag. Daarbovenop komen toeslagen, bijvoorbeeld voor gezinnen met een laag
inkomen, en de schooltoeslag.

## Aanvragen

Kies een uitbetaler van het Groeipakket en geef je gegevens door. Veel gebeurt automatisch,
maar controleer of de betaling echt start en houd je adres en rekeningnummer actueel.

## In Brussel

In Brussel geldt een eigen regeling voor de gezinsbijslag. Vraag na bij welke instelling
het gezin moet aankloppen.
""",
        domains=["finances", "parenting"],
        people=["recognised-refugee", "subsidiary-protection", "family-reunification"],
        related=["schoolkosten-en-studietoelagen", "school-en-kinderopvang"],
    ),
    _page(
        "schoolkosten-en-studietoelagen",
        "Schoolkosten en studietoelagen",
        "homework",
        9,
        "Hulp bij schoolkosten: schooltoeslag en studietoelage.",
        """
## Schooltoeslag

Gezinnen met een beperkt inkomen krijgen in Vlaanderen een schooltoeslag voor kinderen in
het kleuter-, lager en secundair onderwijs. Die hoort bij het Groeipakket.

## Studietoelage

Voor hoger onderwijs bestaat een studietoelage van de Vlaamse overheid. Die moet je elk
academiejaar zelf aanvragen.

## Kosten beperken

In het basisonderwijs geldt een maximumfactuur. Vraag de school ook naar een
afbetalingsplan en naar tweedehands boeken of uniformen.
""",
        domains=["education", "finances"],
        people=["recognised-refugee", "newcomer"],
        related=["groeipakket", "school-en-kinderopvang"],
    ),
    _page(
        "school-en-kinderopvang",
        "School en kinderopvang",
        "homework",
        10,
        "Kinderen inschrijven, de leerplicht en opvang voor de jongsten.",
        """
## Leerplicht

In België geldt de leerplicht vanaf vijf tot achttien jaar. Kinderen die nog geen
Nederlands spreken, kunnen in het secundair onderwijs starten in een onthaalklas voor
anderstalige nieuwkomers (OKAN).

## Inschrijven

In sommige steden moet je een kind eerst aanmelden via een centraal systeem. Vraag bij de
gemeente of het Huis van het Kind hoe het lokaal werkt.

## Kinderopvang

Voor baby's en peuters is er kinderopvang met een prijs volgens inkomen. Schrijf tijdig in:
de wachtlijsten zijn lang.
""",
        domains=["education", "parenting"],
        people=["recognised-refugee", "newcomer", "unaccompanied-minor"],
        related=["schoolkosten-en-studietoelagen"],
    ),
    _page(
        "werk",
        "Werk",
        "homework",
        11,
        "Inschrijven als werkzoekende, diploma's laten erkennen en de eerste job.",
        """
## Inschrijven

Erkende vluchtelingen mogen werken zonder beperking. Schrijf je in als werkzoekende bij de
VDAB (in Brussel bij Actiris). Daar krijg je begeleiding en toegang tot opleidingen.

## Diploma's

Een buitenlands diploma kan erkend worden. Begin tijdig: de procedure vraagt documenten die
soms moeilijk te krijgen zijn.

## Asielzoekers

Wie in de asielprocedure zit, mag onder voorwaarden werken als er na vier maanden nog geen
beslissing is. Vraag na wat vandaag geldt.
""",
        domains=["work", "integration"],
        people=["recognised-refugee", "subsidiary-protection", "asylum-seeker"],
        related=["inburgering"],
    ),
    _page(
        "budgetbeheer-vaste-kosten",
        "Budgetbeheer en vaste kosten",
        "homework",
        12,
        "Overzicht houden over inkomsten, vaste kosten en facturen.",
        """
## Een overzicht maken

Zet inkomsten en vaste kosten op een rij: huur, energie, water, internet, telefoon,
verzekeringen, schoolkosten. Wat overblijft is het leefgeld voor eten en kleding.

## Verzekeringen

Een brandverzekering is voor huurders meestal verplicht. Een familiale verzekering dekt
schade die je per ongeluk aan anderen toebrengt.

## Als het niet lukt

Wacht niet tot de schulden oplopen. Het OCMW en het CAW bieden budgetbegeleiding en
schuldbemiddeling.
""",
        domains=["finances"],
        people=["recognised-refugee", "subsidiary-protection", "newcomer"],
        related=["energie-en-water", "recht-op-maatschappelijke-integratie"],
        visibility="members",
    ),
    _page(
        "mobiliteit",
        "Verplaatsingen en mobiliteit",
        "homework",
        13,
        "Bus, tram, trein, fiets en rijbewijs.",
        """
## Openbaar vervoer

Leer samen de weg naar de belangrijkste adressen: gemeente, OCMW, school, werk. Vraag naar
kortingen op bus, tram en trein voor mensen met een laag inkomen of met verhoogde
tegemoetkoming.

## De fiets

Een fiets is goedkoop en snel. Sommige groepen organiseren fietslessen of herstellen
tweedehands fietsen.

## Rijbewijs

Vraag bij de gemeente of een buitenlands rijbewijs kan worden omgeruild. Anders moet je de
Belgische examens afleggen.
""",
        domains=["work", "leisure"],
        people=["recognised-refugee", "newcomer"],
        related=["werk"],
    ),
    _page(
        "verblijfskaart-en-inschrijving",
        "De verblijfskaart en de inschrijving in de gemeente",
        "homework",
        14,
        "Na de erkenning: inschrijven in de gemeente en de elektronische verblijfskaart halen.",
        """
## Inschrijven in de gemeente

Wie erkend is en een adres heeft, laat zich inschrijven bij de dienst bevolking van de
gemeente waar hij of zij woont. De wijkagent komt nagaan of je echt op dat adres woont.

## De verblijfskaart

Daarna maakt de gemeente de elektronische verblijfskaart (een vreemdelingenkaart) aan. Je
krijgt een brief met de codes; bewaar die goed. Met de kaart open je een bankrekening, sluit
je je aan bij een ziekenfonds en schrijf je je in bij VDAB.

## Verloren of vervallen

Meld een verloren kaart meteen bij de politie en de gemeente. Vraag een nieuwe kaart op tijd
aan, ruim voor ze vervalt.
""",
        domains=["integration", "finances"],
        people=["recognised-refugee", "subsidiary-protection", "family-reunification"],
        related=["huiswerk-inleiding", "een-bankrekening-openen"],
    ),
    _page(
        "een-bankrekening-openen",
        "Een bankrekening openen",
        "homework",
        15,
        "Iedereen die in België woont, heeft recht op een basisbankdienst.",
        """
## De basisbankdienst

Elke bank moet een basisbankdienst aanbieden: een zichtrekening met een bankkaart, tegen een
lage prijs. Een bank mag die niet weigeren omdat iemand weinig inkomen heeft.

## Wat neem je mee?

De verblijfskaart of een ander identiteitsbewijs en een bewijs van adres. Zonder vast adres
kan een referentieadres bij het OCMW helpen.

## Als de bank weigert

Vraag de weigering schriftelijk. Je kunt een klacht indienen bij de ombudsman voor
financiële geschillen (Ombudsfin).
""",
        domains=["finances"],
        people=["recognised-refugee", "subsidiary-protection", "newcomer"],
        related=["verblijfskaart-en-inschrijving", "budgetbeheer-vaste-kosten"],
    ),
    _page(
        "nederlands-leren",
        "Nederlands leren en oefenen",
        "homework",
        16,
        "Taallessen vinden en buiten de les Nederlands oefenen.",
        """
## Lessen Nederlands

Het Huis van het Nederlands (in Brussel en in de centrumsteden) of het Agentschap
Integratie en Inburgering zoekt samen met de persoon een passende cursus Nederlands als
tweede taal (NT2): bij een centrum voor basiseducatie, een centrum voor volwassenenonderwijs
(CVO) of aan de universiteit.

## Oefenen

Taal leer je door ze te gebruiken. Een taalbabbel, een conversatietafel, een taalcafé of
een vaste oefenpartner helpt veel. Spreek traag en eenvoudig, niet met losse woorden.

## Voor kinderen

Kinderen leren Nederlands op school, in het secundair vaak eerst in een onthaalklas
(OKAN). Huiswerkbegeleiding helpt hen bij te blijven.
""",
        domains=["integration", "education"],
        people=["newcomer", "recognised-refugee", "asylum-seeker"],
        related=["inburgering", "school-en-kinderopvang"],
    ),
    # ------------------------------------------------------------ Supplements
    _page(
        "ongeneeslijke-ziekte-en-overlijden",
        "Ongeneeslijke ziekte en overlijden",
        "supplements",
        1,
        "Nabij zijn bij zware ziekte, en wat er moet gebeuren na een overlijden.",
        """
## Zware ziekte

Palliatieve zorg is er ook thuis. De huisarts en een palliatief netwerk helpen. Vraag naar
de wensen van de persoon en de familie, ook over rituelen en geloof.

## Na een overlijden

Een arts stelt het overlijden vast; de begrafenisondernemer regelt veel van de papieren.
Repatriëring naar het land van herkomst is duur: vraag na welke verzekering of
gemeenschap kan helpen. Heeft de familie geen middelen, neem dan contact op met het OCMW.
""",
        domains=["health", "informal-network"],
        people=["recognised-refugee", "asylum-seeker", "without-residence"],
        related=["gezondheidszorg"],
    ),
    _page(
        "terugkeer-naar-het-land-van-herkomst",
        "Terugkeer naar het land van herkomst",
        "supplements",
        2,
        "Vrijwillige terugkeer en de gevolgen voor het statuut.",
        """
## Vrijwillige terugkeer

Wie wil terugkeren, kan begeleiding en soms financiële steun krijgen via een programma
voor vrijwillige terugkeer. Verwijs door naar een terugkeerloket.

## Let op met het statuut

Een erkende vluchteling die naar het land van herkomst reist, kan zijn bescherming
verliezen. Laat iemand zich altijd eerst goed informeren voor hij of zij vertrekt.
""",
        domains=["volunteer-support"],
        people=["recognised-refugee", "asylum-seeker", "without-residence"],
        related=["de-mens-centraal"],
    ),
    _page(
        "energie-en-water",
        "Problemen met elektriciteit, gas en water voorkomen",
        "supplements",
        3,
        "Contracten, meterstanden en hulp bij hoge facturen.",
        """
## Bij het intrekken

Noteer samen met de verhuurder de meterstanden en neem er een foto van. Kies een
energieleverancier en sluit een contract af op naam van de huurder.

## Het sociaal tarief

Wie leefloon krijgt of een andere uitkering met een sociaal karakter, heeft vaak recht op
het sociaal tarief voor elektriciteit en gas. Meestal gebeurt dat automatisch; controleer
het op de factuur.

## Als de facturen niet betaald raken

Neem snel contact op met de leverancier voor een afbetalingsplan. Het OCMW kan helpen en
bemiddelen.
""",
        domains=["housing", "finances"],
        people=["recognised-refugee", "newcomer"],
        related=["wonen-eigen-adres", "budgetbeheer-vaste-kosten"],
    ),
]


GLOSSARY = [
    {
        "term": "mensen op de vlucht",
        "avoid": "",
        "explanation": "Alle mensen die hun land moesten verlaten, wat hun verblijfsstatuut ook is. Ruimer dan "
        "'vluchtelingen', dat ook een juridische betekenis heeft.",
        "term_fr": "personnes exilées",
        "explanation_fr": "Toutes les personnes qui ont dû quitter leur pays, quel que soit leur statut de séjour.",
        "term_en": "people on the move",
        "explanation_en": "Everyone who had to leave their country, whatever their residence status.",
    },
    {
        "term": "mens zonder wettig verblijf",
        "avoid": "illegaal, illegale",
        "explanation": "Iemand die geen verblijfsrecht heeft in België. Een mens is nooit illegaal; een verblijf "
        "kan dat wel zijn.",
        "term_fr": "personne sans titre de séjour",
        "explanation_fr": "Une personne qui n'a pas de droit de séjour en Belgique. Un être humain n'est jamais "
        "illégal.",
        "term_en": "person without legal residence",
        "explanation_en": "Someone without a right to stay in Belgium. A person is never illegal.",
    },
    {
        "term": "mens in transit",
        "avoid": "transmigrant",
        "explanation": "Iemand die door België reist met een ander land als bestemming. Het woord 'transmigrant' "
        "klinkt alsof het om een aparte soort mensen gaat; vermijd het.",
        "term_fr": "personne en transit",
        "explanation_fr": "Une personne qui traverse la Belgique vers un autre pays. Évitez « transmigrant ».",
        "term_en": "person in transit",
        "explanation_en": "Someone travelling through Belgium towards another country. Avoid 'transmigrant'.",
    },
    {
        "term": "niet-begeleide minderjarige vreemdeling (NBMV)",
        "avoid": "",
        "explanation": "Een jongere onder de achttien die zonder ouders of voogd in België aankomt. Een NBMV "
        "krijgt een voogd toegewezen.",
        "term_fr": "mineur étranger non accompagné (MENA)",
        "explanation_fr": "Un jeune de moins de dix-huit ans arrivé en Belgique sans parent ni tuteur.",
        "term_en": "unaccompanied minor",
        "explanation_en": "A young person under eighteen who arrives in Belgium without a parent or guardian.",
    },
    {
        "term": "verzoeker internationale bescherming",
        "avoid": "",
        "explanation": "Iemand die in België bescherming heeft gevraagd en op een beslissing wacht; in de "
        "volksmond een asielzoeker.",
        "term_fr": "demandeur de protection internationale",
        "explanation_fr": "Une personne qui a demandé une protection en Belgique et attend une décision.",
        "term_en": "applicant for international protection",
        "explanation_en": "Someone who has asked Belgium for protection and is waiting for a decision.",
    },
    {
        "term": "erkende vluchteling",
        "avoid": "",
        "explanation": "Iemand aan wie België de vluchtelingenstatus heeft toegekend, volgens het "
        "Vluchtelingenverdrag van Genève.",
        "term_fr": "réfugié reconnu",
        "explanation_fr": "Une personne à qui la Belgique a reconnu le statut de réfugié.",
        "term_en": "recognised refugee",
        "explanation_en": "Someone whom Belgium has granted refugee status under the Geneva Convention.",
    },
    {
        "term": "nieuwkomer",
        "avoid": "",
        "explanation": "Iemand die nog maar kort in België woont, met of zonder vluchtverhaal.",
        "term_fr": "primo-arrivant",
        "explanation_fr": "Une personne qui vit depuis peu en Belgique.",
        "term_en": "newcomer",
        "explanation_en": "Someone who has only recently come to live in Belgium.",
    },
]


# Synonyms the editors keep (Demotekst): (the word the Toolkit uses, other words people type).
# Searching any of them finds every one of them (toolkit.search, query expansion).
SYNONYMS = [
    ("groeipakket", "kindergeld, kinderbijslag, gezinsbijslag, allocations familiales, child benefit"),
    ("kinderopvang", "crèche, kinderdagverblijf, onthaalouder, garderie, childcare, daycare"),
    ("OCMW", "CPAS, sociaal huis, sociale dienst, social welfare office"),
    ("leefloon", "equivalent leefloon, revenu d'intégration, revenu d'intégration sociale, minimum income"),
    ("huurwaarborg", "waarborg, huurgarantie, borg, garantie locative, rental deposit"),
    ("woning", "wonen, huisvesting, appartement, huurhuis, logement, housing"),
    ("huisarts", "dokter, arts, médecin, médecin généraliste, docteur, doctor"),
    ("ziekenfonds", "mutualiteit, mutuelle, ziekenkas, health insurance"),
    ("dringende medische hulp", "DMH, aide médicale urgente, urgent medical aid"),
    ("gezinshereniging", "regroupement familial, family reunification"),
    ("inburgering", "inburgeringscursus, parcours d'intégration, civic integration"),
    ("Nederlands leren", "taalles, taallessen, NT2, cours de néerlandais, Dutch lessons"),
    ("werk", "job, emploi, travail, work"),
    ("VDAB", "Actiris, werkwinkel"),
    ("studietoelage", "studiebeurs, beurs, bourse d'études"),
    ("rijbewijs", "permis de conduire, driving licence"),
    ("elektriciteit", "stroom, energie, energiefactuur, électricité, énergie"),
    ("sociaal tarief", "tarif social"),
    ("terugkeer", "retour, retour volontaire, return"),
    ("tolk", "tolken, vertaler, interprète, traducteur, interpreter"),
    ("advocaat", "pro deo, avocat, avocat pro deo, lawyer"),
    ("verblijfskaart", "verblijfsdocument, vreemdelingenkaart, carte de séjour, residence card"),
    ("bankrekening", "rekening, compte bancaire, compte en banque, bank account"),
    ("school", "école"),
    ("schulden", "schuld, dettes, debts, schuldbemiddeling"),
    ("mens zonder wettig verblijf", "sans papiers, zonder papieren, undocumented"),
]


# The "homework after recognition" checklist (chapter 3): (text, deadline, page slug).
CHECKLIST: dict[str, Any] = {
    "slug": "huiswerk-na-erkenning",
    "title": "Checklist: het huiswerk na de erkenning",
    "intro": (
        "Demotekst. De stappen die een erkende vluchteling en de vrijwilliger samen zetten in de eerste "
        "maanden na de erkenning, met een gebruikelijke termijn. Elke stap verwijst naar de Toolkitpagina "
        "die hem uitlegt. Pas de volgorde aan de situatie van het gezin aan."
    ),
    "items": [
        ("Het verblijfsdocument ophalen en je inschrijven in de gemeente", "week", "huiswerk-inleiding"),
        ("Steun of leefloon aanvragen bij het OCMW van de woonplaats", "week", "recht-op-maatschappelijke-integratie"),
        ("Een eigen woning zoeken en de huurwaarborg regelen", "month", "wonen-eigen-adres"),
        ("Aansluiten bij een ziekenfonds en een huisarts kiezen", "month", "gezondheidszorg"),
        ("Het inburgeringstraject starten", "month", "inburgering"),
        ("Het Groeipakket aanvragen of het nieuwe adres doorgeven", "month", "groeipakket"),
        ("Je inschrijven als werkzoekende bij VDAB", "month", "werk"),
        (
            "De vaste kosten op een rij zetten: energie, water, internet, verzekeringen",
            "month",
            "budgetbeheer-vaste-kosten",
        ),
        ("Een abonnement voor het openbaar vervoer bekijken", "month", "mobiliteit"),
        ("Gezinshereniging bekijken: vroeg beginnen loont", "half-year", "gezinshereniging"),
        ("De kinderen inschrijven in een school", "school-year", "school-en-kinderopvang"),
        ("Een studietoelage aanvragen", "school-year", "schoolkosten-en-studietoelagen"),
        ("Op de wachtlijst van de kinderopvang staan", "when-possible", "school-en-kinderopvang"),
    ],
}
