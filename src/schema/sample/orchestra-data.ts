// The word lists the sample orchestra database is drawn from (./orchestra.ts picks from them
// with a seeded generator). Every "valid" entry here is text the field types read; the JUNK
// lists are text they deliberately do not, as real data has, and the tests check both.


export const FIRST_NAMES: readonly string[] = [
  "Maria", "José", "Aiko", "Wei", "Priya", "Olumide", "Fatima", "Sven", "Ingrid", "Mateo",
  "Amara", "Dmitri", "Siobhan", "Kwame", "Hana", "Luca", "Noor", "Yusuf", "Camille", "Rafael",
  "Chloé", "Tomasz", "Anjali", "Emeka", "Lena", "Mei", "Diego", "Astrid", "Omar", "Grace",
  "Kenji", "Zainab", "Elena", "Marcus", "Ngozi", "Isabel", "Arjun", "Sofia", "Henrik", "Leilani",
  "Samuel", "Yara", "Ravi", "Beatriz", "Jonah", "Min-jun", "Ayesha", "Pierre", "Thandiwe", "Oliver",
  "Carmen", "Hiroshi", "Esther", "Malik", "Ana", "Nikolai", "Rosa", "David", "Ji-woo", "Teresa",
  "Ibrahim", "Claire", "Tariq", "Nadia", "Felix", "Leah", "Andrés", "Keiko", "Patrick", "Lucía",
];

export const LAST_NAMES: readonly string[] = [
  "García", "Nakamura", "Chen", "Okafor", "Patel", "Johansson", "Kowalski", "Haddad", "O'Brien", "Nguyen",
  "Silva", "Kim", "Müller", "Rossi", "Mensah", "Dubois", "Schmidt", "Hernández", "Takahashi", "Cohen",
  "Adeyemi", "Singh", "Larsen", "Moreau", "Park", "Wong", "Costa", "Novak", "Abebe", "Bianchi",
  "Lindqvist", "Sato", "Reyes", "Murphy", "Fischer", "Santos", "Yilmaz", "Khan", "Walker", "Ferreira",
  "Lopez", "Zhang", "Osei", "Andersen", "Petrov", "Byrne", "Alvarez", "Tanaka", "Hoffman", "Dlamini",
  "Kaur", "Ramirez", "Sørensen", "Moretti", "Thompson", "Liu", "Ansah", "Weiss", "Carvalho", "Brennan",
  "Van der Berg", "Ortiz", "Achterberg", "Mukherjee", "Eriksen", "Bouchard", "Tremblay", "Gagnon", "Rahman", "Jackson",
];

export const EMAIL_DOMAINS: readonly string[] = [
  "gmail.com", "gmail.com", "gmail.com", "outlook.com", "yahoo.com", "icloud.com", "proton.me",
  "fastmail.com", "hotmail.com", "albany.edu", "rpi.edu", "skidmore.edu", "verizon.net",
];

export type SectionName = "Strings" | "Woodwinds" | "Brass" | "Percussion" | "Keyboards";

export const SECTIONS: readonly SectionName[] = ["Strings", "Woodwinds", "Brass", "Percussion", "Keyboards"];

/** Instruments in score order: label, section, how many players, colour. 120 players. */
export const INSTRUMENTS: readonly { label: string; section: SectionName; players: number; color: string }[] = [
  { label: "Violin", section: "Strings", players: 40, color: "blue" },
  { label: "Viola", section: "Strings", players: 14, color: "teal" },
  { label: "Cello", section: "Strings", players: 14, color: "cyan" },
  { label: "Double bass", section: "Strings", players: 8, color: "purple" },
  { label: "Flute", section: "Woodwinds", players: 4, color: "green" },
  { label: "Oboe", section: "Woodwinds", players: 4, color: "green" },
  { label: "Clarinet", section: "Woodwinds", players: 4, color: "green" },
  { label: "Bassoon", section: "Woodwinds", players: 4, color: "green" },
  { label: "Horn", section: "Brass", players: 6, color: "yellow" },
  { label: "Trumpet", section: "Brass", players: 4, color: "orange" },
  { label: "Trombone", section: "Brass", players: 4, color: "orange" },
  { label: "Tuba", section: "Brass", players: 2, color: "orange" },
  { label: "Timpani", section: "Percussion", players: 2, color: "red" },
  { label: "Percussion", section: "Percussion", players: 5, color: "red" },
  { label: "Harp", section: "Strings", players: 2, color: "pink" },
  { label: "Piano", section: "Keyboards", players: 3, color: "gray" },
];


/** Where musicians live: mostly around Albany, some further afield. Repeats weight the pick. */
export const HOMES: readonly string[] = [
  "Albany, NY", "Albany, NY", "Albany, NY", "Albany, NY", "Troy, NY", "Troy, NY", "Schenectady, NY",
  "Schenectady, NY", "Saratoga Springs, NY", "Cohoes, NY", "Kingston, NY", "Poughkeepsie, NY",
  "Pittsfield, MA", "Northampton, MA", "Boston, MA", "Burlington, VT", "Montpelier, VT", "Toronto",
  "Montreal, QC", "Montréal", "Ottawa, ON", "Brooklyn, NY", "New York, NY", "Hartford, CT",
  "Providence, RI", "Springfield, MA", "Syracuse, NY", "Ithaca, NY",
];

export const STREET_ADDRESSES: readonly string[] = [
  "12 Lark St, Albany, NY", "48 Hudson Ave, Albany, NY", "7 Congress St, Troy, NY 12180",
  "215 Church St, Burlington, VT", "90 Broadway, Saratoga Springs, NY", "3 Elm St, Northampton, MA",
];

export const PHONE_AREAS: readonly string[] = ["518", "518", "518", "518", "413", "802", "845", "617", "416", "514"];

/** Concert halls; the first is the orchestra's home and comes up most. */
export const VENUES: readonly string[] = [
  "Palace Theatre, Albany, NY", "Palace Theatre, Albany, NY", "Palace Theatre, Albany, NY",
  "Troy Savings Bank Music Hall, Troy, NY", "Troy Savings Bank Music Hall, Troy, NY",
  "Proctors, Schenectady, NY", "Saratoga Performing Arts Center, Saratoga Springs, NY",
  "Flynn Center, Burlington, VT", "Symphony Hall, Boston, MA", "Maison symphonique, Montreal, QC",
];

/** A season's concerts: title and headline work; the rest of each programme is drawn from WORKS. */
export const CONCERTS: readonly [title: string, headline: string][] = [
  ["Season Opener: From the New World", "Dvořák — Symphony No. 9 “From the New World”"],
  ["Beethoven Five", "Beethoven — Symphony No. 5 in C minor"],
  ["Autumn Serenades", "Elgar — Serenade for Strings"],
  ["Family Concert: Peter and the Wolf", "Prokofiev — Peter and the Wolf"],
  ["Brahms & Friends", "Brahms — Violin Concerto in D"],
  ["Holiday Pops", "Tchaikovsky — The Nutcracker Suite"],
  ["Messiah Sing-Along", "Handel — Messiah (Part I)"],
  ["New Year's Waltzes", "J. Strauss II — The Blue Danube"],
  ["The Rite of Spring", "Stravinsky — The Rite of Spring"],
  ["Mahler in the Mountains", "Mahler — Symphony No. 1 “Titan”"],
  ["Chamber Sundays I", "Bach — Brandenburg Concerto No. 3"],
  ["Chamber Sundays II", "Debussy — Danses sacrée et profane"],
  ["Young Soloists Showcase", "Mozart — Piano Concerto No. 21"],
  ["Copland's America", "Copland — Appalachian Spring"],
  ["Music from the Movies", "Williams — Suite from Star Wars"],
  ["Mozart by Candlelight", "Mozart — Symphony No. 40 in G minor"],
  ["Russian Masters", "Rachmaninoff — Piano Concerto No. 2"],
  ["Pops on the Lawn", "Saint-Saëns — Carnival of the Animals"],
  ["Sibelius Two", "Sibelius — Symphony No. 2"],
  ["Harp & Horn", "Strauss — Horn Concerto No. 1"],
  ["Baroque Brunch", "Vivaldi — The Four Seasons"],
  ["Gala: The Ninth", "Beethoven — Symphony No. 9 “Choral”"],
  ["Composers of Tomorrow", "Jessie Montgomery — Starburst"],
  ["Pictures at an Exhibition", "Mussorgsky/Ravel — Pictures at an Exhibition"],
];

/** Overtures and shorter works that fill out a programme. */
export const WORKS: readonly string[] = [
  "Rossini — Overture to The Barber of Seville", "Mozart — Overture to The Marriage of Figaro",
  "Florence Price — Ethiopia's Shadow in America", "Barber — Adagio for Strings", "Caroline Shaw — Entr'acte",
  "Ravel — Pavane for a Dead Princess", "Brahms — Academic Festival Overture", "Grieg — Holberg Suite",
  "Coleridge-Taylor — Ballade in A minor", "Glinka — Overture to Ruslan and Lyudmila", "Fauré — Pavane",
  "Joan Tower — Fanfare for the Uncommon Woman", "Mendelssohn — The Hebrides", "Elgar — Nimrod",
  "Smetana — The Moldau", "Gabriela Lena Frank — Elegía Andina", "Dvořák — Slavonic Dance No. 8",
];

export const TICKET_PRICES: readonly string[] = ["$25", "$35", "$42.50", "$55", "30", "$18", "$65", "$ 40"];

export const DONOR_NOTES: readonly string[] = [
  "Prefers to stay anonymous in the programme.",
  "Met at the spring gala.",
  "Matching gift from employer — send the form to HR.",
  "Season subscriber since 2015.",
  "In memory of her mother, a violinist.",
  "Wants to sponsor a chair in the cello section.",
  "Call before the holidays.\nDo not email about the gala.",
  "Board member's neighbour.",
  "Gave at the door after Messiah.",
  "Interested in the youth orchestra.\nAsked about volunteering.",
  "Thank-you card sent.",
  "Paid by cheque; receipt mailed.",
];

/** Instrument text that is no option of the field, by the section the player sits in. */
export const JUNK_INSTRUMENTS: Record<SectionName, readonly string[]> = {
  Strings: ["Viola da gamba", "fiddle", "Violin/viola"],
  Woodwinds: ["Sax", "Piccolo?"],
  Brass: ["Euphonium", "Cornet (sub)"],
  Percussion: ["drums", "Marimba"],
  Keyboards: ["Celesta", "Organ"],
};

/** Text the field types do not read: kept and flagged by the engine, never dropped. */
export const JUNK = {
  email: ["maria at gmail", "ask office", "none", "see paper form"],
  phone: ["ask", "n/a", "555-01", "call her mum"],
  joined: ["last spring-ish", "a while ago", "before the pandemic", "ages ago"],
  fee: ["TBD", "ask Maria", "same as last year", "varies"],
  address: ["somewhere upstate", "on tour", "the Berkshires", "upstate NY"],
  active: ["maybe", "on leave", "sabbatical"],
  gift: ["50 quid?", "a lot", "matching", "tbc"],
  givenOn: ["around Christmas", "sometime in 2019", "at the gala", "last spring-ish"],
  pledge: ["half", "most of it", "TBD"],
} satisfies Record<string, readonly string[]>;

/** Every junk text, for the tests. */
export const ALL_JUNK: ReadonlySet<string> = new Set([
  ...Object.values(JUNK_INSTRUMENTS).flat(),
  ...Object.values(JUNK).flat(),
]);
