/*
 * people.h: the rules about the people who exploit children and the places, vehicles and
 * phones they use (R-POI-1, R-POI-2, R-LOC-1), and about the links between them, the
 * children and the missing episodes (R-MISS-10, R-LOC-1). Pure: no I/O, no clock (the
 * day is a parameter).
 *
 * What is here:
 *  - the kinds of thing a link joins (its ends) and the kinds of link, with which kinds
 *    fit which ends;
 *  - the grading every item and link carries: fact or intelligence, and for intelligence
 *    a grading on the UK 3x5x2 model (below);
 *  - date ranges (either end open, never ending before they start, never in the future);
 *  - dates of birth that may be approximate (a date, a year, or an age range on a day);
 *  - what a person of concern and a place need; hotspot marking; the PNC locate/trace
 *    marker;
 *  - who sees a person of concern, a place, a vehicle, a phone and a link (below), as
 *    pure decisions over facts the caller found out. src/store/links.h turns the same
 *    rule into SQL for lists.
 *
 * Grading (the UK 3x5x2 model, written "2/B/P"):
 *   source evaluation     1 reliable, 2 untested, 3 not reliable
 *   intelligence          A known directly to the source, B known indirectly to the
 *   assessment              source and corroborated, C known indirectly to the source,
 *                           D not known, E suspected to be false or malicious
 *   handling code         P lawful sharing permitted; C lawful sharing permitted with
 *                           conditions (the conditions are then required)
 * Intelligence carries all three; a fact carries none (it is not graded). Anything
 * outside these scales is refused with the field named.
 *
 * Who sees what (R-INFO-3; DESIGN.md security model):
 *  - persons of concern and places: the system operator, every partnership-wide role
 *    (ACCESS_ALL) and entitled police (access_police_entitled) see all of them; any
 *    other practitioner sees one their own agency recorded, or one joined by a link
 *    that is not restricted to a child they see (or to a missing episode of such a
 *    child); nobody else sees any. A person or place recorded as restricted is seen
 *    only by entitled police and the system operator.
 *  - vehicles and phones are identifiers: whoever may record (every practitioner and
 *    partnership-wide role) may find one by its registration or number and see it, so
 *    that one car or one number joins everything it touches; what protects children is
 *    that their links are shown only to those who see both ends.
 *  - a link is seen by those who see both its ends; a restricted link (or item) only by
 *    entitled police and the system operator.
 */
#ifndef LANTERN_PROTO_PEOPLE_H
#define LANTERN_PROTO_PEOPLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "protocol/access.h"
#include "protocol/proto.h"
#include "util/ltime.h"

/* ---- ends and kinds of link ---- */

/* What a link may join. */
enum people_end {
	PEOPLE_CHILD,
	PEOPLE_PERSON, /* a person of concern */
	PEOPLE_PLACE,
	PEOPLE_VEHICLE,
	PEOPLE_PHONE,
	PEOPLE_EPISODE, /* a missing episode */
	PEOPLE_END_N
};
/* "child", "person", "place", "vehicle", "phone", "episode"; NULL when out of range. */
const char *people_end_code(enum people_end e);
/* The id prefix of each (util/id.h): "ch", "poc", "plc", "veh", "tel", "mep". */
const char *people_end_prefix(enum people_end e);
/* The end an id names, by its prefix ("poc_..." -> PEOPLE_PERSON); -1 for anything else
 * (the caller still checks the id's form with id_valid). */
int people_end_of_id(const char *id);
/* The end of a code ("person"); -1 when unknown. */
int people_end_from_code(const char *code);

/*
 * Kinds of link, and the ends each fits (from -> to). Symmetric kinds join their ends
 * either way round; directed kinds read "from <kind> to".
 *   associate          child, person <-> child, person            (symmetric)
 *   seen_with          child, person, episode <-> child, person, vehicle   (symmetric)
 *   found_at           child, person, episode -> place
 *   uses               child, person -> phone, vehicle, place
 *   registered_keeper  person, place -> vehicle, phone  (keeper or subscriber; a place
 *                      such as a taxi firm may be the keeper)
 *   member_of          child, person -> person, place  (a member of the group around a
 *                      person of concern, or of a group on an online platform; group
 *                      names themselves are items on the person)
 *   visited            child, person, episode, vehicle -> place
 *   transported        person, vehicle, place -> child, episode, person  (a driver, a
 *                      car or a taxi firm carried them)
 * Every other pairing is refused.
 */
enum people_link {
	PEOPLE_ASSOCIATE,
	PEOPLE_SEEN_WITH,
	PEOPLE_FOUND_AT,
	PEOPLE_USES,
	PEOPLE_REGISTERED_KEEPER,
	PEOPLE_MEMBER_OF,
	PEOPLE_VISITED,
	PEOPLE_TRANSPORTED,
	PEOPLE_LINK_N
};
/* "associate", "seen_with", ...; NULL when out of range. */
const char *people_link_code(enum people_link k);
/* Words for pages and chronology entries ("seen with", "registered keeper of"). */
const char *people_link_words(enum people_link k);
/* The kind of a code; -1 when unknown. */
int people_link_from_code(const char *code);
/* Whether kind k joins its ends either way round. */
bool people_link_symmetric(enum people_link k);

/*
 * Whether kind k fits ends `from` and `to`: 0 as given, 1 when it fits only the other
 * way round (the caller swaps the ends: "child transported vehicle" is stored as
 * "vehicle transported child"), -1 when it fits neither way.
 */
int people_link_fits(enum people_link k, enum people_end from, enum people_end to);

/* A link about to be recorded, as far as the rules need it. */
struct people_link_in {
	int kind; /* enum people_link, or -1 when the code was unknown */
	enum people_end from, to;
	const char *from_id, *to_id;
	/* the child each end is about: the child itself, or the child of an episode;
	 * NULL for other ends */
	const char *from_child, *to_child;
};
/*
 * R-LOC-1, R-POI-1: the link's kind and ends. Refuses an unknown kind (field "kind"), a
 * self-link (an end joined to itself, or a child joined to one of its own missing
 * episodes: field "to"), and a pairing the kind does not fit (field "kind"). Returns 0
 * (fits as given), 1 (fits with the ends swapped) or -1.
 */
int people_link_validate(const struct people_link_in *l, struct proto_err *err);

/* ---- grading ---- */

enum people_nature { PEOPLE_NATURE_UNSET, PEOPLE_FACT, PEOPLE_INTELLIGENCE };
/* "fact", "intelligence"; NULL for UNSET. */
const char *people_nature_code(enum people_nature n);
/* PEOPLE_NATURE_UNSET when the code is unknown or NULL. */
enum people_nature people_nature_from_code(const char *code);

#define PEOPLE_CONDITIONS_MAX 500
struct people_grading {
	enum people_nature nature;
	char source_eval;       /* '1'..'3', or 0 when not graded */
	char assessment;        /* 'A'..'E', or 0 */
	char handling;          /* 'P' or 'C', or 0 */
	const char *conditions; /* the conditions of handling code C; NULL otherwise */
};
#define PEOPLE_GRADING_LEN 8 /* "2/B/P" + NUL, with room */

/*
 * Reads the three codes of a grading as officers write them: a digit, a letter and a
 * letter in that order, case-insensitive, with spaces, '/', '-', '.' or ',' between
 * them or nothing ("2/B/P", "2bp", "2 B C"). Writes source_eval, assessment and
 * handling (upper case) and nothing else. Returns 0, or -1 when the text is not of that
 * form (NULL, empty, too long, other characters); the values are not checked against
 * the scales here (people_grading_validate does that, naming the field).
 */
int people_grading_parse(const char *text, struct people_grading *g);

/*
 * R-POI-1: a grading within its scales. `field` names the input field a refusal is
 * about (e.g. "grading"; the nature is reported against "nature" and the conditions
 * against "handling_conditions"). Intelligence needs all three codes in scale;
 * handling code C needs its conditions; a fact carries no codes and no conditions.
 */
int people_grading_validate(const struct people_grading *g, const char *field,
                            struct proto_err *err);

/* "2/B/P" for graded intelligence, "" otherwise. */
void people_grading_format(const struct people_grading *g, char out[PEOPLE_GRADING_LEN]);

/* ---- date ranges ---- */

/*
 * R-LOC-1, R-POI-1: a date range whose ends ("YYYY-MM-DD", or NULL/"" when open) are
 * real dates not after `today`, the end not before the start. Errors name `from_field`
 * or `to_field`.
 */
int people_dates_validate(const char *from, const char *to, struct lt_date today,
                          const char *from_field, const char *to_field, struct proto_err *err);

/* ---- dates of birth ---- */

enum people_dob_kind { PEOPLE_DOB_EXACT, PEOPLE_DOB_YEAR, PEOPLE_DOB_AGE_RANGE };
#define PEOPLE_AGE_MAX 110
#define PEOPLE_AGE_SPAN_MAX 30 /* widest age range worth recording */
struct people_dob {
	enum people_dob_kind kind;
	struct lt_date date;  /* EXACT */
	int year;             /* YEAR */
	int age_min, age_max; /* AGE_RANGE: thought to be aged age_min..age_max on `on` */
	struct lt_date on;    /* AGE_RANGE */
};

/*
 * R-POI-1: a date of birth that may be approximate. An exact date or a year not after
 * `today`; an age range of 0..PEOPLE_AGE_MAX, at most PEOPLE_AGE_SPAN_MAX years wide,
 * the smaller first, on a day not after `today`. A person of concern may be a child:
 * no age is refused for being young. Errors name field `field`.
 */
int people_dob_validate(const struct people_dob *d, struct lt_date today, const char *field,
                        struct proto_err *err);
/* The birth years a (valid) date of birth allows, inclusive. */
void people_dob_years(const struct people_dob *d, int *ymin, int *ymax);
/* Whether someone born on `born` fits d. */
bool people_dob_fits(const struct people_dob *d, struct lt_date born);
/* Words for pages: "1990-04-02", "born in 1990", "aged 25 to 30 on 2026-03-01". */
void people_dob_describe(const struct people_dob *d, char *out, size_t n);

/* ---- persons of concern ---- */

/* Kinds of item a person carries (R-POI-1). Phones and vehicles are their own entities,
 * joined to the person by a link (people_link PEOPLE_USES). */
enum people_item {
	PEOPLE_ITEM_NAME, /* a full name */
	PEOPLE_ITEM_ALIAS,
	PEOPLE_ITEM_STREET_NAME,
	PEOPLE_ITEM_NICKNAME,
	PEOPLE_ITEM_DOB,
	PEOPLE_ITEM_ADDRESS,
	PEOPLE_ITEM_SOCIAL_MEDIA,
	PEOPLE_ITEM_GROUP, /* group or gang membership (R-FLAG-4) */
	PEOPLE_ITEM_N
};
/* "name", "alias", "street_name", "nickname", "date_of_birth", "address",
 * "social_media", "group"; NULL when out of range. */
const char *people_item_code(enum people_item k);
/* -1 when unknown. */
int people_item_from_code(const char *code);
/* Whether the kind is a name a person is known by (name, alias, street name, nickname). */
bool people_item_is_name(enum people_item k);

#define PEOPLE_SOURCE_MAX 300
#define PEOPLE_DESCRIPTION_MAX 2000
#define PEOPLE_VALUE_MAX 300

/*
 * R-POI-1: one item's text and sourcing: the value (a name, an address, a handle, a
 * group; single line, at most PEOPLE_VALUE_MAX) and its source (required, at most
 * PEOPLE_SOURCE_MAX; where the item came from: "PNC", "the child's account", "partner
 * agency"). Names are checked for wording like other text (R-DEF-4). Errors name
 * "value" and "source".
 */
int people_item_validate(enum people_item k, const char *value, const char *source,
                         struct proto_err *err);

/* What the rules need to know of a person of concern being recorded. */
struct people_person_facts {
	size_t n_names;          /* items that are names (people_item_is_name) */
	const char *gender;      /* "female", "male", "other", "unknown" or NULL */
	const char *description; /* optional */
};
/*
 * R-POI-1: a person of concern is known by at least one name, alias, street name or
 * nickname (field "names"); gender, when given, is one of the four codes (field
 * "gender"); the description is free text (field "description", wording checked).
 */
int people_person_validate(const struct people_person_facts *p, struct proto_err *err);

/*
 * R-INFO-3: marking anything restricted (a person, a place, an item, a link) is for
 * entitled police and the system operator: what they restrict, nobody else could then
 * see, so nobody else may restrict. Errors name `field`.
 */
int people_restricted_validate(bool restricted, bool police_entitled, bool system,
                               const char *field, struct proto_err *err);

/* ---- R-POI-2: PNC locate/trace markers ---- */

enum people_pnc { PEOPLE_PNC_DONE, PEOPLE_PNC_NOT_DONE };
/* "done", "not_done". */
const char *people_pnc_code(enum people_pnc s);
/*
 * R-POI-2: recording whether the locate/trace marker for a child at risk or a suspect
 * is on the Police National Computer. Only police record it (entitled police roles, or
 * the system operator). status is "done" or "not_done" (field "status"); the note is
 * optional text (field "note"). Returns the status (>= 0) or -1.
 */
int people_pnc_validate(const char *status, const char *note, bool police_entitled, bool system,
                        struct proto_err *err);

/* ---- places (R-LOC-1) ---- */

enum people_place_type {
	PEOPLE_PLACE_HOTEL,
	PEOPLE_PLACE_B_AND_B,
	PEOPLE_PLACE_TAKEAWAY,
	PEOPLE_PLACE_TAXI_FIRM,
	PEOPLE_PLACE_SHOP,
	PEOPLE_PLACE_PARK,
	PEOPLE_PLACE_SCHOOL,
	PEOPLE_PLACE_CHILDRENS_HOME,
	PEOPLE_PLACE_HOSTEL,
	PEOPLE_PLACE_PRIVATE_ADDRESS,
	PEOPLE_PLACE_ONLINE_PLATFORM,
	PEOPLE_PLACE_OTHER,
	PEOPLE_PLACE_TYPE_N
};
/* "hotel", "b_and_b", "takeaway", "taxi_firm", "shop", "park", "school",
 * "childrens_home", "hostel", "private_address", "online_platform", "other". */
const char *people_place_type_code(enum people_place_type t);
/* Words for pages ("B&B", "children's home"). */
const char *people_place_type_words(enum people_place_type t);
/* -1 when unknown. */
int people_place_type_from_code(const char *code);

#define PEOPLE_PLACE_NAME_MAX 200
#define PEOPLE_ADDRESS_MAX 300
#define PEOPLE_NOTES_MAX 2000
/*
 * R-LOC-1: a place has a known type (field "type") and a name or an address (field
 * "name"); a private address needs its address (field "address") and an online platform
 * its name (field "name"); notes are free text (field "notes").
 */
int people_place_validate(const char *type, const char *name, const char *address,
                          const char *notes, struct proto_err *err);

/* R-LOC-1, R-MISS-10: linked to this many different children, or this many missing
 * episodes, a place is suggested to the professional as a hotspot. */
#define PEOPLE_HOTSPOT_CHILDREN 2
#define PEOPLE_HOTSPOT_EPISODES 3
/* Whether the counts suggest marking the place a hotspot (it is suggested, never set:
 * the marking is a professional's decision with a rationale). */
bool people_hotspot_suggested(int64_t children, int64_t episodes);

/* Who may mark or unmark a hotspot: the system operator, partnership-wide roles (whose
 * work includes MASE problem locations, R-MASE-6) and entitled police. */
bool people_may_mark_hotspot(uint32_t roles, bool police_entitled, bool system);

#define PEOPLE_RATIONALE_MIN 10
/*
 * R-LOC-1: marking a place a hotspot, or taking the mark away, needs a rationale of
 * PEOPLE_RATIONALE_MIN to PROTO_SHORT_MAX characters (field "rationale"), and a role
 * that may (people_may_mark_hotspot; err->field NULL).
 */
int people_hotspot_validate(const char *rationale, uint32_t roles, bool police_entitled,
                            bool system, struct proto_err *err);

/* ---- who sees what (R-INFO-3) ---- */

/* Whether the actor sees every person of concern and place that is not restricted: the
 * system operator, partnership-wide roles and entitled police. */
bool people_sees_all(enum access_scope scope, bool police_entitled, bool system);

/* What the caller found out about one actor and one person of concern or place. */
struct people_sight {
	enum access_scope scope;
	bool police_entitled; /* access_police_entitled() */
	bool system;          /* the system operator */
	bool restricted;      /* the person or place was recorded as restricted */
	bool own_agency;      /* the actor's agency recorded it */
	bool linked_to_child; /* a link that is not restricted joins it to a child the
	                         actor sees, or to a missing episode of such a child */
};
/* R-INFO-3: whether the actor sees the person of concern or place (see the top). */
bool people_entity_visible(const struct people_sight *s);

/* R-INFO-3: whether the actor may find and see vehicles and phones (identifiers). */
bool people_identifier_visible(enum access_scope scope, bool system);

/* R-INFO-3: whether the actor sees something recorded restricted (an item or a link). */
bool people_restricted_visible(bool restricted, bool police_entitled, bool system);

/* R-INFO-3: whether the actor sees a link: both ends, and the restriction allows. */
bool people_link_visible(bool restricted, bool police_entitled, bool system, bool sees_from,
                         bool sees_to);

#endif
