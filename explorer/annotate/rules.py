"""The annotator's vocabulary, as data: cue verbs, speaker descriptions, outlets.

Every word list the extractor and the speaker resolver use lives here, so a
rule can be widened or narrowed without touching the code.  Verbs are spaCy
lemmas (lower case); phrases and names are matched case-insensitively.
"""

from __future__ import annotations

#: Verbs that introduce speech or writing.  They frame direct quotes (“...,” he
#: said) and introduce reported speech (he said that ...).
SPEECH_VERBS = frozenset(
    """
    say tell add write ask note report announce tweet post describe argue explain declare claim
    acknowledge respond reply state insist conclude recall warn urge promise pledge admit concede
    complain joke quip shout chant exclaim yell scream whisper mutter boast brag vow predict deny
    confirm emphasize emphasise stress observe remark comment agree object counter retort assert
    maintain contend charge accuse characterize characterise label dub term praise criticize
    criticise question wonder muse recount tout proclaim lament caution advise testify plead demand
    thank blast slam mock tease read highlight underline indicate reiterate repeat affirm reaffirm
    signal hint allege opine speculate estimate suggest propose explain elaborate mention reveal
    disclose inform assure reassure remind admonish announce brief testify instruct acknowledge
    dismiss reject rebut dispute call continue cite quote interrupt interject
    echo chime summarize summarise rail lash grumble gush sigh laugh smile shrug concur caution
    """.split()
)

#: Verbs of thought, perception and evidence that PolNeAR also counts as
#: attribution when they take a clause ("Republicans believe that ...",
#: "the poll shows that ...").  They introduce reported content only, never
#: a direct quote.
THOUGHT_VERBS = frozenset(
    """
    think believe hope fear feel know doubt understand realize realise suspect assume worry find show
    determine decide learn hear figure reckon guess imagine insist recognize recognise acknowledge
    consider agree bet predict project demonstrate prove
    """.split()
)
#: ("see", "mean" and "expect" are left out: with a clause they mostly do not
#: attribute anything — "we'll see if ...", "this means that ...".)

#: Verbs of commitment and request whose to-infinitive complement is what the
#: subject commits to or asks for ("promised to cut taxes", "declined to
#: comment").  Verbs of mere intention (want, plan, intend) are left out: they
#: report a wish more often than a statement.
INFINITIVE_CUE_VERBS = frozenset(
    """
    promise vow pledge threaten refuse decline hope offer propose demand seek decide agree aim urge
    """.split()
)

#: Verbs of communication and public stance-taking whose direct object is
#: what the subject says or judges ("criticized the deal", "endorsed
#: Sanders", "announced a plan").  Verbs of holding a position (support,
#: back, oppose, favor) are left out: they describe a stance more often than
#: report what someone said.
OBJECT_CUE_VERBS = frozenset(
    """
    endorse criticize criticise cite announce defend describe accuse discuss mention
    praise blast reject denounce question blame tout mock slam highlight portray challenge
    deny acknowledge condemn propose dismiss recall report tweet explain decry applaud emphasize
    confirm repeat echo reveal claim welcome reiterate advocate champion predict demand
    request rebuke lambast chide scold berate assail ridicule deride disparage lament bemoan laud hail
    commend credit congratulate urge express dispute characterize characterise label dub
    """.split()
)

#: Verb + preposition cues whose prepositional object is the content
#: ("called for a ban", "referred to him as ...", "talked about jobs").
PREPOSITION_CUES = frozenset(
    {
        ("refer", "to"), ("talk", "about"), ("speak", "about"), ("speak", "of"), ("point", "to"),
        ("call", "for"), ("call", "on"), ("respond", "to"),
        ("comment", "on"), ("push", "for"), ("complain", "about"), ("warn", "of"), ("warn", "about"),
        ("warn", "against"), ("argue", "for"), ("argue", "against"), ("apologize", "for"),
        ("apologise", "for"), ("advocate", "for"), ("joke", "about"), ("boast", "about"),
        ("brag", "about"), ("testify", "about"), ("write", "about"), ("reply", "to"), ("object", "to"),
        ("insist", "on"), ("elaborate", "on"), ("reflect", "on"),
    }
)

#: The dependency labels of a cue verb's clause complement.
CLAUSE_COMPLEMENTS = frozenset({"ccomp"})
INFINITIVE_COMPLEMENTS = frozenset({"xcomp"})
OBJECT_COMPLEMENTS = frozenset({"dobj"})
#: What may follow the object and belong to the content ("called Palin a
#: clown", "described the call as productive").
OBJECT_PREDICATES = frozenset({"oprd", "xcomp", "ccomp"})

#: Relations that link a participle or conjoined cue to the verb whose subject
#: is also its speaker ("Trump responded, adding that ...": adding -> responded).
SUBJECT_SHARING_RELATIONS = frozenset({"advcl", "conj", "xcomp", "pcomp", "acl"})

#: Relations of a cue verb's children that belong to its frame ("he said on
#: Friday in a statement while speaking to reporters"), not to what was said.
FRAME_RELATIONS = frozenset(
    {"nsubj", "nsubjpass", "aux", "auxpass", "neg", "advmod", "npadvmod", "prep", "agent", "dative", "punct", "advcl"}
)

#: Verbs whose direct object is the hearer, part of the frame ("told reporters").
HEARER_VERBS = frozenset({"tell", "inform", "assure", "reassure", "remind", "brief", "warn", "caution", "advise"})

#: Relations through which a cue can be embedded in what an outer cue reports
#: ("Obama said he expected Americans to say “no”": say -> xcomp -> expected -> ccomp -> said).
EMBEDDING_RELATIONS = frozenset({"ccomp", "xcomp"})

#: Relations of a verb that modifies a noun ("the opportunity to call ...",
#: "the man who said ..."): such a verb never frames the quote it hangs from.
MODIFIER_RELATIONS = frozenset({"acl", "relcl", "amod", "xcomp"})

#: Subject relations of a cue verb.
SUBJECT_RELATIONS = frozenset({"nsubj", "nsubjpass"})

#: Quotes this short (in words) that no cue verb governs are scare quotes or
#: titles (the “undercard” debate), not speech.
MIN_FLOATING_QUOTE_WORDS = 4

#: Pronouns that name a speaker; what each may refer to.
PERSON_PRONOUNS = frozenset({"he", "she"})
THING_PRONOUNS = frozenset({"it"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})

#: Head nouns of descriptions that refer back to a news outlet or its voice
#: ("the paper", "the editorial", "the daily").
OUTLET_DESCRIPTION_HEADS = frozenset(
    """
    paper newspaper editorial daily tabloid outlet magazine publication network broadcaster
    board site website op-ed weekly journal
    """.split()
)

#: Head nouns of descriptions that refer back to a person by their role
#: ("the Ukrainian president", "the NATO chief").  A description resolves to
#: the latest speaker whose role shares its words.
ROLE_DESCRIPTION_HEADS = frozenset(
    """
    president chief leader minister secretary senator governor candidate spokesman spokeswoman
    spokesperson official director head chairman chairwoman chair ceo founder nominee frontrunner
    billionaire businessman businesswoman congressman congresswoman lawmaker mayor premier
    chancellor king queen prince general commander ambassador envoy diplomat adviser advisor
    strategist manager executive economist analyst professor lawyer attorney judge justice
    speaker representative rep. sen. gov. pope cleric activist author writer reporter
    columnist host anchor actor star singer coach pundit pollster veteran
    """.split()
)

#: Title words that may stand before a name and belong to the role, not the
#: name ("Sen. Ted Cruz", "Mayor Ana Ruiz", "Former Vice President Joe Biden").
TITLE_WORDS = ROLE_DESCRIPTION_HEADS | frozenset(
    """
    sen. rep. gov. gen. lt. col. sgt. capt. adm. prof. vice prime deputy acting former state foreign
    defense first lady u.s. us
    """.split()
)

#: Words that a role description may use for the same office ("the NATO chief"
#: for "NATO Secretary General").
ROLE_SYNONYMS = {
    "chief": {"secretary", "general", "head", "leader", "director", "chairman", "chief"},
    "head": {"secretary", "general", "chief", "leader", "director", "chairman"},
    "leader": {"president", "premier", "minister", "chief", "head", "chancellor", "secretary"},
    "spokeswoman": {"spokesperson", "spokesman"},
    "spokesman": {"spokesperson", "spokeswoman"},
}

#: Titles stripped from a name to make the display name ("Mr. Trump" -> "Trump").
HONORIFICS = frozenset({"mr.", "mrs.", "ms.", "miss", "dr.", "mr", "mrs", "ms", "dr", "sir", "dame"})

#: Last words of outlet names ("The New York Times", "Fox News").
OUTLET_NAME_WORDS = frozenset(
    """
    times post journal news tribune guardian herald gazette magazine daily telegraph independent
    economist atlantic chronicle examiner observer pravda insider monitor inquirer standard mirror
    express sun star register bulletin dispatch review reporter record wire politico axios breitbart
    newsweek reuters bloomberg cnn bbc msnbc npr cnbc nbc abc cbs pbs ap afp tass interfax ukrinform
    """.split()
)

#: Outlet names that do not end in one of OUTLET_NAME_WORDS.
KNOWN_OUTLETS = frozenset(
    {
        "associated press", "agence france-presse", "fox", "al jazeera", "vox", "slate", "salon",
        "the hill", "buzzfeed", "huffington post", "the new yorker", "der spiegel", "le monde",
        "kyiv independent", "rbc-ukraine", "meduza",
    }
)

#: Outlet names that are also ordinary words and must not be taken alone.
OUTLET_STOP_NAMES = frozenset({"news", "post", "times", "daily", "star", "sun", "review", "record", "standard"})
