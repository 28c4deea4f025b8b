//! Linking, coreference, acronyms, descriptors and abstaining, on a small dataset built here (so
//! the tests do not depend on `build/dataset.bin`).
//!
//! Most tables call [`gloss::link::link`] with the spans given explicitly, so they test linking
//! and not the tagger; the descriptor tables call [`gloss::describe::describe`] the same way. A
//! few end-to-end cases go through [`Annotator`] to check that descriptors reach every mention
//! of a page entity.

use gloss::describe::describe;
use gloss::link::{link, SpanToLink};
use gloss::tag::TagSpan;
use gloss::tokenize::{sentences, tokenize};
use gloss::{Annotator, Dataset, DatasetBuilder, EntityInput, EntityType};

use EntityType::{Loc, Org, Per};

/// An entity for the test dataset: id, type, subtype, name, prior, country, related ids, aliases,
/// description.
struct E(
    &'static str,
    EntityType,
    &'static str,
    &'static str,
    f32,
    Option<&'static str>,
    &'static [&'static str],
    &'static [&'static str],
    &'static str,
);

const ENTITIES: &[E] = &[
    // Countries and regions.
    E(
        "country:FR",
        Loc,
        "country",
        "France",
        0.97,
        Some("FR"),
        &["paris-fr"],
        &[],
        "Country in Western Europe",
    ),
    E(
        "country:RU",
        Loc,
        "country",
        "Russia",
        0.97,
        Some("RU"),
        &["moscow-ru"],
        &[],
        "Country in Eastern Europe",
    ),
    E(
        "country:US",
        Loc,
        "country",
        "United States",
        0.97,
        Some("US"),
        &[],
        &["US", "U.S.", "USA"],
        "Country in North America",
    ),
    E(
        "country:GB",
        Loc,
        "country",
        "United Kingdom",
        0.97,
        Some("GB"),
        &[],
        &["UK", "Britain"],
        "Country in Northern Europe",
    ),
    E(
        "country:JO",
        Loc,
        "country",
        "Jordan",
        0.95,
        Some("JO"),
        &[],
        &[],
        "Country in Western Asia",
    ),
    E(
        "country:GE",
        Loc,
        "country",
        "Georgia",
        0.94,
        Some("GE"),
        &[],
        &[],
        "Country in Western Asia",
    ),
    E(
        "country:AU",
        Loc,
        "country",
        "Australia",
        0.97,
        Some("AU"),
        &[],
        &[],
        "Country in Oceania",
    ),
    E(
        "country:CA",
        Loc,
        "country",
        "Canada",
        0.97,
        Some("CA"),
        &[],
        &[],
        "Country in North America",
    ),
    E(
        "country:SE",
        Loc,
        "country",
        "Sweden",
        0.95,
        Some("SE"),
        &[],
        &[],
        "Country in Northern Europe",
    ),
    E(
        "country:AF",
        Loc,
        "country",
        "Afghanistan",
        0.95,
        Some("AF"),
        &[],
        &[],
        "Country in Central Asia",
    ),
    E(
        "region:US/Texas",
        Loc,
        "region",
        "Texas",
        0.72,
        Some("US"),
        &["country:US"],
        &[],
        "State of the United States",
    ),
    E(
        "region:US/Idaho",
        Loc,
        "region",
        "Idaho",
        0.72,
        Some("US"),
        &["country:US"],
        &[],
        "State of the United States",
    ),
    E(
        "region:US/Georgia",
        Loc,
        "region",
        "Georgia",
        0.72,
        Some("US"),
        &["country:US"],
        &[],
        "State of the United States",
    ),
    E(
        "region:AU/Victoria",
        Loc,
        "region",
        "Victoria",
        0.35,
        Some("AU"),
        &["country:AU"],
        &[],
        "State of Australia",
    ),
    E(
        "region:AU/NSW",
        Loc,
        "region",
        "New South Wales",
        0.5,
        Some("AU"),
        &["country:AU"],
        &["NSW"],
        "State of Australia",
    ),
    // Cities.
    E(
        "paris-fr",
        Loc,
        "city",
        "Paris",
        0.70,
        Some("FR"),
        &["country:FR"],
        &[],
        "Capital of France",
    ),
    E(
        "paris-tx",
        Loc,
        "city",
        "Paris",
        0.17,
        Some("US"),
        &["region:US/Texas", "country:US"],
        &[],
        "City in Texas, United States",
    ),
    E(
        "moscow-ru",
        Loc,
        "city",
        "Moscow",
        0.82,
        Some("RU"),
        &["country:RU"],
        &[],
        "Capital of Russia",
    ),
    E(
        "moscow-id",
        Loc,
        "city",
        "Moscow",
        0.17,
        Some("US"),
        &["region:US/Idaho", "country:US"],
        &[],
        "City in Idaho, United States",
    ),
    E(
        "geneva-ch",
        Loc,
        "city",
        "Geneva",
        0.33,
        Some("CH"),
        &[],
        &[],
        "City in Switzerland",
    ),
    E(
        "geneva-il",
        Loc,
        "city",
        "Geneva",
        0.16,
        Some("US"),
        &["country:US"],
        &[],
        "City in Illinois, United States",
    ),
    E(
        "victoria-bc",
        Loc,
        "city",
        "Victoria",
        0.35,
        Some("CA"),
        &["country:CA"],
        &[],
        "City in Canada",
    ),
    E(
        "victoria-hk",
        Loc,
        "city",
        "Victoria",
        0.44,
        Some("HK"),
        &[],
        &[],
        "City in Hong Kong",
    ),
    E(
        "atlanta",
        Loc,
        "city",
        "Atlanta",
        0.6,
        Some("US"),
        &["region:US/Georgia", "country:US"],
        &[],
        "City in Georgia, United States",
    ),
    E(
        "tbilisi",
        Loc,
        "city",
        "Tbilisi",
        0.6,
        Some("GE"),
        &["country:GE"],
        &[],
        "Capital of Georgia",
    ),
    E(
        "topeka",
        Loc,
        "city",
        "Topeka",
        0.29,
        Some("US"),
        &["country:US"],
        &["Google"],
        "City in Kansas, United States",
    ),
    E(
        "sea-tac",
        Loc,
        "airport",
        "Seattle–Tacoma International Airport",
        0.72,
        Some("US"),
        &["country:US"],
        &["SEA"],
        "Main airport of the Seattle area",
    ),
    // People.
    E(
        "lavrov",
        Per,
        "minister",
        "Sergey Lavrov",
        0.78,
        Some("RU"),
        &["country:RU"],
        &["Lavrov"],
        "Foreign Minister of Russia (since 2004)",
    ),
    E(
        "trump",
        Per,
        "head_of_state",
        "Donald Trump",
        0.95,
        Some("US"),
        &["country:US"],
        &["Trump"],
        "President of the United States",
    ),
    E(
        "zelensky",
        Per,
        "head_of_state",
        "Volodymyr Zelensky",
        0.9,
        Some("UA"),
        &[],
        &["Zelensky"],
        "President of Ukraine",
    ),
    E(
        "mbs",
        Per,
        "head_of_government",
        "Mohammed bin Salman",
        0.85,
        Some("SA"),
        &[],
        &[],
        "Crown Prince of Saudi Arabia",
    ),
    E(
        "captain-smith",
        Per,
        "explorer",
        "Captain John Smith",
        0.35,
        None,
        &[],
        &["John Smith", "Smith"],
        "English explorer (1580-1631)",
    ),
    E(
        "adam-smith",
        Per,
        "economist",
        "Adam Smith",
        0.6,
        Some("GB"),
        &["country:GB"],
        &["Smith"],
        "Economist and philosopher",
    ),
    E(
        "joseph-smith",
        Per,
        "religious leader",
        "Joseph Smith",
        0.35,
        None,
        &[],
        &[],
        "Religious leader who founded the Mormon Church (1805-1844)",
    ),
    E(
        "lopes",
        Per,
        "politician",
        "Ana Ferreira Lopes",
        0.1,
        Some("PT"),
        &[],
        &[],
        "Mayor of Braga",
    ),
    E(
        "jane-doe-mp",
        Per,
        "politician",
        "Jane Doe",
        0.6,
        Some("GB"),
        &["country:GB"],
        &[],
        "Member of Parliament",
    ),
    E(
        "kamil-mohamed",
        Per,
        "head_of_government",
        "Abdoulkader Kamil Mohamed",
        0.85,
        Some("DJ"),
        &[],
        &["Mohamed"],
        "Prime Minister of Djibouti",
    ),
    E(
        "salah",
        Per,
        "athlete",
        "Mohamed Salah",
        0.7,
        Some("EG"),
        &[],
        &[],
        "Egyptian footballer",
    ),
    E(
        "sunak",
        Per,
        "head_of_government",
        "Rishi Sunak",
        0.6,
        Some("GB"),
        &["country:GB"],
        &["Sunak"],
        "Former Prime Minister of the United Kingdom",
    ),
    // Organizations.
    E(
        "cia",
        Org,
        "intelligence",
        "Central Intelligence Agency",
        0.72,
        Some("US"),
        &["country:US"],
        &["CIA"],
        "US foreign intelligence agency",
    ),
    E(
        "who",
        Org,
        "international",
        "World Health Organization",
        0.8,
        None,
        &[],
        &["WHO"],
        "UN health agency",
    ),
    E(
        "scotus",
        Org,
        "court",
        "Supreme Court of the United States",
        0.78,
        Some("US"),
        &["country:US"],
        &["Supreme Court"],
        "Highest court of the United States",
    ),
    E(
        "home-office",
        Org,
        "ministry",
        "Home Office",
        0.72,
        Some("GB"),
        &["country:GB"],
        &[],
        "UK interior ministry",
    ),
    E(
        "usda",
        Org,
        "ministry",
        "United States Department of Agriculture",
        0.72,
        Some("US"),
        &["country:US"],
        &["USDA"],
        "US agriculture department",
    ),
    E(
        "scientology",
        Org,
        "religious",
        "Church of Scientology",
        0.72,
        Some("US"),
        &["country:US"],
        &["Scientology"],
        "Scientology organization",
    ),
];

fn dataset() -> Dataset {
    let mut b = DatasetBuilder::new("linking-test");
    for e in ENTITIES {
        let mut input = EntityInput::new(e.0, e.1, e.2, e.3)
            .prior(e.4)
            .description(e.8);
        input.country = e.5.map(str::to_string);
        input.related = e.6.iter().map(|r| r.to_string()).collect();
        for a in e.7 {
            input = input.alias(*a);
        }
        b.add(input);
    }
    Dataset::from_bytes(b.build().expect("test dataset builds")).expect("test dataset loads")
}

/// Spans for `names`, found in `page` in order.
fn spans<'a>(page: &str, names: &[(&str, EntityType)]) -> Vec<SpanToLink<'a>> {
    let mut from = 0;
    names
        .iter()
        .map(|&(text, kind)| {
            let start = from
                + page[from..]
                    .find(text)
                    .unwrap_or_else(|| panic!("{text:?} not in {page:?}"));
            from = start + text.len();
            SpanToLink::new(start, from, kind)
        })
        .collect()
}

/// Linked ids and page-entity groups ("aab": the first two mentions share a page entity).
fn run(ds: &Dataset, page: &str, spans: &[SpanToLink]) -> (Vec<Option<String>>, String) {
    let got = link(page, spans, ds);
    let ids = got
        .iter()
        .map(|r| r.entity.map(|i| ds.entity(i).unwrap().id))
        .collect();
    let groups = got
        .iter()
        .map(|r| (b'a' + r.page_entity as u8) as char)
        .collect();
    (ids, groups)
}

/// A linking case: the page, its names in order, and the expected entity of each (None: abstain).
struct Case {
    name: &'static str,
    page: &'static str,
    names: &'static [(&'static str, EntityType)],
    want: &'static [Option<&'static str>],
}

fn check(cases: &[Case]) {
    let ds = dataset();
    let mut failures = Vec::new();
    for c in cases {
        let (ids, _) = run(&ds, c.page, &spans(c.page, c.names));
        let want: Vec<Option<String>> = c.want.iter().map(|w| w.map(str::to_string)).collect();
        if ids != want {
            failures.push(format!("{}: got {ids:?}, want {want:?}", c.name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn ambiguous_names_take_the_entity_their_page_is_about() {
    check(&[
        Case {
            name: "paris alone is the capital",
            page: "Paris is lovely.",
            names: &[("Paris", Loc)],
            want: &[Some("paris-fr")],
        },
        Case {
            name: "paris near texas",
            page: "Storms hit Texas on Monday. In Paris, roofs were torn off.",
            names: &[("Texas", Loc), ("Paris", Loc)],
            want: &[Some("region:US/Texas"), Some("paris-tx")],
        },
        Case {
            name: "paris in an article about france",
            page: "France voted. Paris celebrated.",
            names: &[("France", Loc), ("Paris", Loc)],
            want: &[Some("country:FR"), Some("paris-fr")],
        },
        Case {
            name: "moscow in an article about russia and the us",
            page: "Russia and the United States met. Moscow said the talks went well.",
            names: &[("Russia", Loc), ("United States", Loc), ("Moscow", Loc)],
            want: &[Some("country:RU"), Some("country:US"), Some("moscow-ru")],
        },
        Case {
            name: "moscow, idaho",
            page: "The University in Moscow, Idaho, closed.",
            names: &[("Moscow", Loc), ("Idaho", Loc)],
            want: &[Some("moscow-id"), Some("region:US/Idaho")],
        },
        Case {
            name: "a person's country is weak evidence for a place: diplomats travel",
            page: "Sergey Lavrov met Donald Trump in Geneva.",
            names: &[
                ("Sergey Lavrov", Per),
                ("Donald Trump", Per),
                ("Geneva", Loc),
            ],
            want: &[Some("lavrov"), Some("trump"), Some("geneva-ch")],
        },
        Case {
            name: "victoria among australian states",
            page: "New South Wales and Victoria, two states of Australia, voted.",
            names: &[
                ("New South Wales", Loc),
                ("Victoria", Loc),
                ("Australia", Loc),
            ],
            want: &[
                Some("region:AU/NSW"),
                Some("region:AU/Victoria"),
                Some("country:AU"),
            ],
        },
        Case {
            name: "georgia with atlanta is the state",
            page: "Atlanta is the capital of Georgia.",
            names: &[("Atlanta", Loc), ("Georgia", Loc)],
            want: &[Some("atlanta"), Some("region:US/Georgia")],
        },
        Case {
            name: "georgia with tbilisi is the country",
            page: "Tbilisi is the capital of Georgia.",
            names: &[("Tbilisi", Loc), ("Georgia", Loc)],
            want: &[Some("tbilisi"), Some("country:GE")],
        },
        Case {
            name: "a person is never a country",
            page: "Jordan scored 30 points.",
            names: &[("Jordan", Per)],
            want: &[None],
        },
        Case {
            name: "a capitals-only alias needs capitals",
            page: "He left the Sea Org.",
            names: &[("Sea", Loc)],
            want: &[None],
        },
        Case {
            name: "the capitals-only alias itself",
            page: "Flights at SEA were delayed.",
            names: &[("SEA", Loc)],
            want: &[Some("sea-tac")],
        },
        Case {
            name: "another name of a mid-sized place needs the page's support",
            page: "Google said on Monday it would appeal.",
            names: &[("Google", Loc)],
            want: &[None],
        },
        Case {
            name: "a generic court name alone",
            page: "The Supreme Court ruled.",
            names: &[("Supreme Court", Org)],
            want: &[Some("scotus")],
        },
        Case {
            name: "a generic court name on a page about france",
            page: "In France, Paris prosecutors appealed and the Supreme Court ruled.",
            names: &[("France", Loc), ("Paris", Loc), ("Supreme Court", Org)],
            want: &[Some("country:FR"), Some("paris-fr"), None],
        },
        Case {
            name: "a country's name first",
            page: "The U.S. Department of Agriculture said.",
            names: &[("U.S. Department of Agriculture", Org)],
            want: &[Some("usda")],
        },
    ]);
}

#[test]
fn national_teams_are_not_their_countries() {
    check(&[
        Case {
            name: "match report",
            page: "Sweden defeated Canada 1–0 in the World Cup match. Sweden scored from a penalty in the 60th minute at the stadium in Paris. Canada had more possession in the game.",
            names: &[("Sweden", Loc), ("Canada", Loc), ("Sweden", Loc), ("Paris", Loc), ("Canada", Loc)],
            want: &[None, None, None, Some("paris-fr"), None],
        },
        Case { name: "team prefix", page: "Team Canada won the robotics prize.", names: &[("Canada", Loc)], want: &[None] },
        Case {
            name: "a country in a news sentence",
            page: "Sweden raised interest rates on Tuesday.",
            names: &[("Sweden", Loc)],
            want: &[Some("country:SE")],
        },
    ]);
}

#[test]
fn spelling_variants_and_typos_find_the_entry() {
    check(&[
        Case {
            name: "possessive with a curly apostrophe",
            page: "Lavrov’s visit",
            names: &[("Lavrov’s", Per)],
            want: &[Some("lavrov")],
        },
        Case {
            name: "transliteration sergei",
            page: "Sergei Lavrov spoke.",
            names: &[("Sergei Lavrov", Per)],
            want: &[Some("lavrov")],
        },
        Case {
            name: "double y",
            page: "Volodymyr Zelenskyy spoke.",
            names: &[("Volodymyr Zelenskyy", Per)],
            want: &[Some("zelensky")],
        },
        Case {
            name: "-iy ending alone",
            page: "Zelenskiy spoke.",
            names: &[("Zelenskiy", Per)],
            want: &[Some("zelensky")],
        },
        Case {
            name: "muhammad",
            page: "Muhammad bin Salman spoke.",
            names: &[("Muhammad bin Salman", Per)],
            want: &[Some("mbs")],
        },
        Case {
            name: "swapped letters",
            page: "Donlad Trump spoke.",
            names: &[("Donlad Trump", Per)],
            want: &[Some("trump")],
        },
        Case {
            name: "a dropped letter",
            page: "Troops left Afganistan.",
            names: &[("Afganistan", Loc)],
            want: &[Some("country:AF")],
        },
        Case {
            name: "a title before the name",
            page: "Foreign Minister Sergey Lavrov spoke.",
            names: &[("Foreign Minister Sergey Lavrov", Per)],
            want: &[Some("lavrov")],
        },
        Case {
            name: "abbreviation periods",
            page: "The U.S. said.",
            names: &[("U.S.", Loc)],
            want: &[Some("country:US")],
        },
        Case {
            name: "british spelling",
            page: "The World Health Organisation said.",
            names: &[("World Health Organisation", Org)],
            want: &[Some("who")],
        },
        Case {
            name: "a typo is not a licence to guess a surname",
            page: "Lavrob said.",
            names: &[("Lavrob", Per)],
            want: &[None],
        },
    ]);
}

#[test]
fn unknown_people_never_get_a_famous_namesakes_card() {
    check(&[
        Case {
            name: "a weakly known namesake under a full name",
            page: "John Smith, a local teacher, said the school would reopen.",
            names: &[("John Smith", Per)],
            want: &[None],
        },
        Case {
            name: "a lone surname shared by known people",
            page: "Smith said it was over.",
            names: &[("Smith", Per)],
            want: &[None],
        },
        Case {
            name: "a lone common given name",
            page: "Mohamed said it was over.",
            names: &[("Mohamed", Per)],
            want: &[None],
        },
        Case {
            name: "an unknown person",
            page: "Mark Rathbun left in 2004.",
            names: &[("Mark Rathbun", Per)],
            want: &[None],
        },
        Case {
            name: "a surname after an unknown full name",
            page: "Texas student Ahmed Mohamed was arrested. Mohamed said he built a clock.",
            names: &[("Texas", Loc), ("Ahmed Mohamed", Per), ("Mohamed", Per)],
            want: &[Some("region:US/Texas"), None, None],
        },
        Case {
            name: "a historical figure's full name with nothing on the page for them",
            page: "Joseph Smith, who runs the bakery, said.",
            names: &[("Joseph Smith", Per)],
            want: &[None],
        },
        Case {
            name: "a little-known living person's own full name",
            page: "Ana Ferreira Lopes said.",
            names: &[("Ana Ferreira Lopes", Per)],
            want: &[Some("lopes")],
        },
        Case {
            name: "a well-known surname alone",
            page: "Sunak said it was over.",
            names: &[("Sunak", Per)],
            want: &[Some("sunak")],
        },
        Case {
            name: "a surname after the famous full name",
            page: "Adam Smith wrote a book. Smith argued for free trade.",
            names: &[("Adam Smith", Per), ("Smith", Per)],
            want: &[Some("adam-smith"), Some("adam-smith")],
        },
    ]);
}

#[test]
fn a_private_description_keeps_a_famous_namesake_away() {
    let ds = dataset();
    let page = "Jane Doe, a local teacher, said the school would reopen.";
    let mut s = spans(page, &[("Jane Doe", Per)]);
    assert_eq!(
        run(&ds, page, &s).0,
        [Some("jane-doe-mp".to_string())],
        "without the descriptor"
    );
    s[0].descriptor = Some("a local teacher");
    assert_eq!(run(&ds, page, &s).0, [None], "with the descriptor");
    s[0].descriptor = Some("a member of parliament for Leeds");
    assert_eq!(
        run(&ds, page, &s).0,
        [Some("jane-doe-mp".to_string())],
        "with a fitting descriptor"
    );
}

/// A coreference case: expected entities and page-entity groups ("aab").
struct Chain {
    name: &'static str,
    page: &'static str,
    names: &'static [(&'static str, EntityType)],
    want: &'static [Option<&'static str>],
    groups: &'static str,
}

fn check_chains(cases: &[Chain]) {
    let ds = dataset();
    let mut failures = Vec::new();
    for c in cases {
        let (ids, groups) = run(&ds, c.page, &spans(c.page, c.names));
        let want: Vec<Option<String>> = c.want.iter().map(|w| w.map(str::to_string)).collect();
        if ids != want || groups != c.groups {
            failures.push(format!(
                "{}: got {ids:?} {groups}, want {want:?} {}",
                c.name, c.groups
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn surnames_and_first_names_follow_the_full_name() {
    check_chains(&[
        Chain {
            name: "a known person's surname",
            page: "Sergey Lavrov arrived. Lavrov said little.",
            names: &[("Sergey Lavrov", Per), ("Lavrov", Per)],
            want: &[Some("lavrov"), Some("lavrov")],
            groups: "aa",
        },
        Chain {
            name: "an unknown person's surname and first name",
            page: "Jane Roe arrived. Roe said little, and Jane left.",
            names: &[("Jane Roe", Per), ("Roe", Per), ("Jane", Per)],
            want: &[None, None, None],
            groups: "aaa",
        },
        Chain {
            name: "a headline surname before the full name",
            page: "Rathbun sues church\nMark Rathbun filed suit on Monday. Rathbun said.",
            names: &[("Rathbun", Per), ("Mark Rathbun", Per), ("Rathbun", Per)],
            want: &[None, None, None],
            groups: "aaa",
        },
        Chain {
            name: "an unknown namesake's surname is not the famous one",
            page: "Peter Trump, a plumber, said. Trump added that he was tired.",
            names: &[("Peter Trump", Per), ("Trump", Per)],
            want: &[None, None],
            groups: "aa",
        },
        Chain {
            name: "the latest full name wins",
            page: "Adam Smith and Jane Smith met. Smith said.",
            names: &[("Adam Smith", Per), ("Jane Smith", Per), ("Smith", Per)],
            want: &[Some("adam-smith"), None, None],
            groups: "abb",
        },
        Chain {
            name: "a title with the full name",
            page: "Donald Trump spoke. President Donald Trump left.",
            names: &[("Donald Trump", Per), ("President Donald Trump", Per)],
            want: &[Some("trump"), Some("trump")],
            groups: "aa",
        },
        Chain {
            name: "a generic head noun takes the organization named in full",
            page: "The Church of Scientology said. The Church denied it.",
            names: &[("Church of Scientology", Org), ("Church", Org)],
            want: &[Some("scientology"), Some("scientology")],
            groups: "aa",
        },
        Chain {
            name: "different unknown people stay apart",
            page: "Jane Roe met John Poe.",
            names: &[("Jane Roe", Per), ("John Poe", Per)],
            want: &[None, None],
            groups: "ab",
        },
    ]);
}

#[test]
fn acronyms_take_the_name_they_abbreviate() {
    check_chains(&[
        Chain {
            name: "defined in parentheses",
            page: "The Central Intelligence Agency (CIA) said. The CIA denied it.",
            names: &[
                ("Central Intelligence Agency", Org),
                ("CIA", Org),
                ("CIA", Org),
            ],
            want: &[Some("cia"), Some("cia"), Some("cia")],
            groups: "aaa",
        },
        Chain {
            name: "an unknown organization's acronym",
            page: "The Acme Widget Corporation (AWC) said. AWC denied it.",
            names: &[("Acme Widget Corporation", Org), ("AWC", Org), ("AWC", Org)],
            want: &[None, None, None],
            groups: "aaa",
        },
        Chain {
            name: "a page's own definition beats the dataset's acronym",
            page: "The Wisconsin Hospital Owners (WHO) met. WHO members voted.",
            names: &[
                ("Wisconsin Hospital Owners", Org),
                ("WHO", Org),
                ("WHO", Org),
            ],
            want: &[None, None, None],
            groups: "aaa",
        },
        Chain {
            name: "the acronym first, the name in parentheses",
            page: "The AWC (Acme Widget Corporation) said.",
            names: &[("AWC", Org), ("Acme Widget Corporation", Org)],
            want: &[None, None],
            groups: "aa",
        },
        Chain {
            name: "initials of an earlier name",
            page: "The World Health Organization warned. Later the WHO said.",
            names: &[("World Health Organization", Org), ("WHO", Org)],
            want: &[Some("who"), Some("who")],
            groups: "aa",
        },
        Chain {
            name: "initials of an unknown organization",
            page: "The Food Standards Australia New Zealand agency said. FSANZ added.",
            names: &[
                ("Food Standards Australia New Zealand", Org),
                ("FSANZ", Org),
            ],
            want: &[None, None],
            groups: "aa",
        },
        Chain {
            name: "a place's initials",
            page: "New South Wales voted. NSW said.",
            names: &[("New South Wales", Loc), ("NSW", Loc)],
            want: &[Some("region:AU/NSW"), Some("region:AU/NSW")],
            groups: "aa",
        },
    ]);
}

/// The descriptor of `name` (of type `kind`) in `text`.
fn descriptor(text: &str, name: &str, kind: EntityType) -> Option<String> {
    let tokens = tokenize(text);
    let sents = sentences(text, &tokens);
    let at = text.find(name).unwrap();
    let start = tokens
        .iter()
        .position(|t| t.start == at)
        .expect("name starts a token");
    let end = tokens
        .iter()
        .position(|t| t.end == at + name.len())
        .expect("name ends a token")
        + 1;
    describe(text, &tokens, &sents, &[TagSpan { start, end, kind }])
        .remove(0)
        .map(|d| d.text)
}

#[test]
fn descriptors_say_how_the_page_describes_a_name() {
    let cases: &[(&str, &str, EntityType, Option<&str>)] = &[
        (
            "Sergey Lavrov, the country's finance minister, said on Monday.",
            "Sergey Lavrov",
            Per,
            Some("the country's finance minister"),
        ),
        (
            "The talks were led by the UN envoy for Yemen, Martin Griffiths, who flew in.",
            "Martin Griffiths",
            Per,
            Some("the UN envoy for Yemen"),
        ),
        (
            "He joined the Virginia-based company Acme Systems in 2019.",
            "Acme Systems",
            Org,
            Some("the Virginia-based company"),
        ),
        (
            "Foreign Minister Sergey Lavrov arrived.",
            "Sergey Lavrov",
            Per,
            Some("Foreign Minister"),
        ),
        (
            "John Smith, 45, a teacher from Ohio, was hurt.",
            "John Smith",
            Per,
            Some("a teacher from Ohio, 45"),
        ),
        (
            "John Smith, 45, was hurt.",
            "John Smith",
            Per,
            Some("age 45"),
        ),
        (
            "Britain's foreign secretary, David Lammy, said.",
            "David Lammy",
            Per,
            Some("Britain's foreign secretary"),
        ),
        (
            "Acme, a maker of widgets, said.",
            "Acme",
            Org,
            Some("a maker of widgets"),
        ),
        (
            "Rathbun is a former Scientology executive.",
            "Rathbun",
            Per,
            Some("a former Scientology executive"),
        ),
        (
            "US President Donald Trump said.",
            "Donald Trump",
            Per,
            Some("US President"),
        ),
        (
            "It was founded by science fiction writer L. Ron Hubbard in 1954.",
            "L. Ron Hubbard",
            Per,
            Some("writer"),
        ),
        (
            "\"We are done,\" said Jane Roe, a local resident.",
            "Jane Roe",
            Per,
            Some("a local resident"),
        ),
        // Not descriptors.
        ("Mr. Smith left.", "Smith", Per, None),
        ("Trump, Obama and Biden met.", "Trump", Per, None),
        (
            "After meeting Smith, the president was tired.",
            "Smith",
            Per,
            None,
        ),
        (
            "Like Smith, the senator opposed the bill.",
            "Smith",
            Per,
            None,
        ),
        ("In Paris, France, it rained.", "Paris", Loc, None),
        ("Speaking to reporters, Smith said no.", "Smith", Per, None),
    ];
    let mut failures = Vec::new();
    for (text, name, kind, want) in cases {
        let got = descriptor(text, name, *kind);
        if got.as_deref() != *want {
            failures.push(format!("{text}: got {got:?}, want {want:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_mention_of_a_page_entity_shows_its_descriptor() {
    let annotator = Annotator::new(dataset(), None);
    let text = "Sergey Lavrov, the country's foreign minister, met reporters. Later Lavrov left for Moscow.";
    let mentions = annotator.annotate(text);
    let lavrov: Vec<_> = mentions
        .iter()
        .filter(|m| m.text.contains("Lavrov"))
        .collect();
    assert_eq!(lavrov.len(), 2, "{mentions:?}");
    for m in &lavrov {
        assert_eq!(
            m.descriptor.as_deref(),
            Some("the country's foreign minister"),
            "{m:?}"
        );
        assert_eq!(m.entity.as_ref().map(|e| e.id.as_str()), Some("lavrov"));
    }
    assert_eq!(lavrov[0].page_entity, lavrov[1].page_entity);
    let moscow = mentions
        .iter()
        .find(|m| m.text == "Moscow")
        .expect("Moscow is found");
    assert_eq!(moscow.descriptor, None);
    assert_eq!(
        moscow.entity.as_ref().map(|e| e.id.as_str()),
        Some("moscow-ru")
    );
}

#[test]
fn odd_input_never_panics() {
    let annotator = Annotator::new(dataset(), None);
    let texts = [
        "",
        "(",
        ")",
        "CIA (",
        "( CIA )",
        "Smith,",
        "Smith, 45",
        "Smith, 999999999999999999999, a teacher",
        "A (B) C (D) E",
        "Ünïcödé Ñame, the ñandú, said. Ça va (ÇV).",
        "\u{1F600} Lavrov \u{1F600}, the \u{1F600} minister",
        "Sergey Lavrov’s ‘friend’ “Trump”, the president’s (US) man",
        &"Paris ".repeat(2000),
        &"Sergey Lavrov, a minister, said. ".repeat(300),
    ];
    for t in texts {
        let mentions = annotator.annotate(t);
        for m in mentions {
            assert!(t.is_char_boundary(m.start) && t.is_char_boundary(m.end) && m.start < m.end);
        }
    }
    // Spans that do not lie on the page are read as empty, not a panic.
    let ds = dataset();
    let bad = [
        SpanToLink::new(5, 2, Per),
        SpanToLink::new(0, 100, Org),
        SpanToLink::new(1, 2, Loc),
    ];
    assert_eq!(link("é", &bad, &ds).len(), 3);
}
