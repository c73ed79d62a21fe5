/*
 * reference.c: the protocol's code tables (see reference.h). Codes are stable: add new
 * items at the end of a table or with new codes, never reuse or renumber a code.
 */
#include "protocol/reference.h"

#include "protocol/mase.h"
#include "protocol/orders.h"
#include "protocol/outcomes.h"
#include "protocol/plans.h"
#include "protocol/reports.h"

/* R-SIGN-1: the nine SAFEGUARD warning signs (App A). The two A's have distinct codes. */
static const struct ref_item signs[] = {
        {"sexual_health", "Sexual health and behaviour", "S", 0, 0},
        {"absent_missing", "Absent from school or repeatedly running away", "A", 0, 0},
        {"familial_abuse", "Familial abuse or problems at home", "F", 0, 0},
        {"emotional_physical", "Emotional and physical condition", "E", 0, 0},
        {"gangs_older_crime", "Gangs, older age groups and involvement in crime", "G", 0, 0},
        {"technology_bullying", "Use of technology and sexual bullying", "U", 0, 0},
        {"alcohol_drugs", "Alcohol and drug misuse", "A", 0, 0},
        {"gifts_money", "Receipt of unexplained gifts or money", "R", 0, 0},
        {"distrust_authority", "Distrust of authority figures", "D", 0, 0},
};

/* R-CAT-2: App B indicator domains. */
static const struct ref_item domains[] = {
        {"EMO", "Emotional health", NULL, 0, 0},
        {"MIS", "Running away or going missing", NULL, 0, 0},
        {"REW", "Rewards", NULL, 0, 0},
        {"LAC", "Looked-after child", NULL, 0, 0},
        {"COE", "Coercion and control", NULL, 0, 0},
        {"SXH", "Sexual health", NULL, 0, 0},
        {"SRT", "Sexualised risk-taking", NULL, 0, 0},
        {"EDU", "Education", NULL, 0, 0},
        {"SUB", "Substance misuse", NULL, 0, 0},
        {"CON", "Contact with abusive people or risky places", NULL, 0, 0},
};

/* R-CAT-2: App B indicators, ordered by category (ref_indicators_for relies on it).
 * Code: c<category>.<domain>.<n>. */
static const struct ref_item indicators[] = {
        {"c1.emo.1", "poor self-image", "EMO", 1, 0},
        {"c1.emo.2", "cutting or overdosing", "EMO", 1, 0},
        {"c1.emo.3", "eating difficulties", "EMO", 1, 0},
        {"c1.emo.4", "difficulty making or keeping friendships with peers", "EMO", 1, 0},
        {"c1.mis.1", "regularly coming home late", "MIS", 1, 0},
        {"c1.mis.2", "absent without permission or returning late to a care home", "MIS", 1, 0},
        {"c1.mis.3", "absent from school", "MIS", 1, 0},
        {"c1.rew.1", "money or goods not accounted for", "REW", 1, 0},
        {"c1.rew.2", "perceived friendship or affection", "REW", 1, 0},
        {"c1.lac.1", "looked after (App C)", "LAC", 1, 0},
        {"c1.coe.1", "secretive about having a mobile phone or more than one", "COE", 1, 0},
        {"c1.coe.2", "reduced contact with family or friends", "COE", 1, 0},
        {"c1.coe.3", "late-night phone or internet contact", "COE", 1, 0},
        {"c1.sxh.1", "sexually transmitted infections", "SXH", 1, 0},
        {"c1.sxh.2", "sexual activity inappropriate for age or situation", "SXH", 1, 0},
        {"c1.srt.1", "sudden change to sexualised clothing", "SRT", 1, 0},
        {"c1.srt.2", "getting into strangers' cars", "SRT", 1, 0},
        {"c1.srt.3", "meeting adults or unknown young people met online", "SRT", 1, 0},
        {"c1.srt.4", "boyfriend known to services", "SRT", 1, 0},
        {"c1.srt.5", "others know of a history of sexual abuse", "SRT", 1, 0},
        {"c1.edu.1", "truanting", "EDU", 1, 0},
        {"c1.edu.2", "losing interest in education", "EDU", 1, 0},
        {"c1.sub.1", "experimenting with alcohol or drugs", "SUB", 1, 0},
        {"c1.sub.2", "smoking", "SUB", 1, 0},
        {"c1.con.1",
         "associating with unknown adults, with other children being exploited, or with missing "
         "children",
         "CON", 1, 0},
        {"c1.con.2", "associating with gang members", "CON", 1, 0},
        {"c1.con.3", "associating with manipulative peers", "CON", 1, 0},
        {"c2.emo.1", "poor self-image", "EMO", 2, 0},
        {"c2.emo.2", "cutting or overdosing", "EMO", 2, 0},
        {"c2.emo.3", "eating difficulties or poor eating habits", "EMO", 2, 0},
        {"c2.emo.4", "bullying or threatening behaviour", "EMO", 2, 0},
        {"c2.emo.5", "violent or emotional outbursts", "EMO", 2, 0},
        {"c2.emo.6", "offending", "EMO", 2, 0},
        {"c2.emo.7", "difficulty making or keeping friendships with peers", "EMO", 2, 0},
        {"c2.mis.1", "frequently out overnight without permission", "MIS", 2, 0},
        {"c2.mis.2", "episodes of running away or going missing from home or placement", "MIS", 2,
         0},
        {"c2.mis.3", "looks well cared for with no known base", "MIS", 2, 0},
        {"c2.mis.4", "regular placement breakdowns because of behaviour", "MIS", 2, 0},
        {"c2.rew.1", "money or goods not accounted for", "REW", 2, 0},
        {"c2.rew.2", "offers of protection", "REW", 2, 0},
        {"c2.rew.3", "perceived friendship or affection", "REW", 2, 0},
        {"c2.lac.1", "looked after (App C)", "LAC", 2, 0},
        {"c2.coe.1", "secretive about having a mobile phone or more than one", "COE", 2, 0},
        {"c2.coe.2", "late-night phone or internet contact", "COE", 2, 0},
        {"c2.coe.3", "limited contact with family or friends", "COE", 2, 0},
        {"c2.coe.4", "disclosure of physical or sexual assault later withdrawn", "COE", 2, 0},
        {"c2.coe.5", "physical injuries, external or internal", "COE", 2, 0},
        {"c2.sxh.1", "repeated sexually transmitted infections", "SXH", 2, 0},
        {"c2.sxh.2", "miscarriages", "SXH", 2, 0},
        {"c2.sxh.3", "terminations", "SXH", 2, 0},
        {"c2.sxh.4", "sexual activity with peers inappropriate for age or situation", "SXH", 2, 0},
        {"c2.srt.1", "getting into strangers' cars", "SRT", 2, 0},
        {"c2.srt.2", "meeting adults met online", "SRT", 2, 0},
        {"c2.srt.3", "being made to offer sex for payment and run ('clipping')", "SRT", 2, 0},
        {"c2.srt.4", "boyfriend 5 or more years older", "SRT", 2, 0},
        {"c2.srt.5", "boyfriend or adults known to services", "SRT", 2, 0},
        {"c2.srt.6", "peers or community talk about the child's sexual behaviour", "SRT", 2, 0},
        {"c2.edu.1", "not attending school", "EDU", 2, 0},
        {"c2.edu.2", "regular school placement breakdowns because of behaviour", "EDU", 2, 0},
        {"c2.sub.1", "regular substance use", "SUB", 2, 0},
        {"c2.sub.2", "concern about dependency", "SUB", 2, 0},
        {"c2.con.1",
         "associating with unknown adults, with other children being exploited, or with missing "
         "children",
         "CON", 2, 0},
        {"c2.con.2", "heavy phone use, especially late at night", "CON", 2, 0},
        {"c2.con.3", "access to premises unknown to parents or carers", "CON", 2, 0},
        {"c2.con.4", "reliable sources suggest exploitation", "CON", 2, 0},
        {"c2.con.5", "seen in areas or properties known for sexual exploitation or drug dealing",
         "CON", 2, 0},
        {"c2.con.6", "a member of a gang", "CON", 2, 0},
        {"c3.emo.1", "chronic poor self-image", "EMO", 3, 0},
        {"c3.emo.2", "cutting or overdosing", "EMO", 3, 0},
        {"c3.emo.3", "eating difficulties or poor eating habits", "EMO", 3, 0},
        {"c3.emo.4", "bullying or threatening behaviour", "EMO", 3, 0},
        {"c3.emo.5", "violent or emotional outbursts", "EMO", 3, 0},
        {"c3.emo.6", "offending", "EMO", 3, 0},
        {"c3.emo.7", "no healthy friendships or connections", "EMO", 3, 0},
        {"c3.mis.1", "persistently running away or going missing from home or placement", "MIS", 3,
         0},
        {"c3.mis.2", "pattern of street homelessness", "MIS", 3, 0},
        {"c3.coe.1", "secretive about having a mobile phone or more than one", "COE", 3, 0},
        {"c3.coe.2",
         "disclosure of physical or sexual assault later withdrawn, or reluctance to report", "COE",
         3, 0},
        {"c3.coe.3", "abducted and held ('locked in', in the child's words)", "COE", 3, 0},
        {"c3.coe.4", "no contact with family or friends", "COE", 3, 0},
        {"c3.coe.5", "has dropped out of contact with all support services", "COE", 3, 0},
        {"c3.coe.6", "physical injuries, external or internal", "COE", 3, 0},
        {"c3.sxh.1", "repeated sexually transmitted infections", "SXH", 3, 0},
        {"c3.sxh.2", "pregnancy", "SXH", 3, 0},
        {"c3.sxh.3", "miscarriages or terminations", "SXH", 3, 0},
        {"c3.sxh.4", "exploitative sexual activity with peers or adults", "SXH", 3, 0},
        {"c3.sxh.5", "boyfriend knows the child has sex with other people", "SXH", 3, 0},
        {"c3.sxh.6", "discloses being made to exchange sex or being controlled by others for sex",
         "SXH", 3, 0},
        {"c3.srt.1", "getting into strangers' cars", "SRT", 3, 0},
        {"c3.srt.2", "meeting adults met online", "SRT", 3, 0},
        {"c3.srt.3", "being made to offer sex for payment and run ('clipping')", "SRT", 3, 0},
        {"c3.srt.4", "boyfriend 5 or more years older", "SRT", 3, 0},
        {"c3.srt.5", "boyfriend or adults known to services", "SRT", 3, 0},
        {"c3.srt.6", "others know sex is being exchanged for money or goods", "SRT", 3, 0},
        {"c3.edu.1", "not attending school or college", "EDU", 3, 0},
        {"c3.edu.2", "regular school placement breakdowns because of behaviour", "EDU", 3, 0},
        {"c3.sub.1", "dependent on alcohol or drugs", "SUB", 3, 0},
        {"c3.con.1", "access to premises unknown to parents or carers", "CON", 3, 0},
        {"c3.con.2", "deeply involved in gang culture", "CON", 3, 0},
        {"c3.con.3", "linked to places known for drug dealing ('crack houses')", "CON", 3, 0},
        {"c3.con.4", "found in areas known for sexual exploitation", "CON", 3, 0},
};

/* R-ORD-5: App D tactical options. T14 and T15 are restricted (R-INFO-3). */
static const struct ref_item tactics[] = {
        {"T01", "Child has a PNC report showing they are at risk", NULL, 0, 0},
        {"T02", "Suspect has a PNC report showing the risk they pose", NULL, 0, 0},
        {"T03", "Child abduction warning notices considered, served, recorded and shared", NULL, 0,
         0},
        {"T04", "Named lead for debriefing the child after missing episodes; debriefs shared", NULL,
         0, 0},
        {"T05", "Forensic strategy for the child (clothing after missing episodes or contact)",
         NULL, 0, 0},
        {"T06",
         "Civil orders considered (SHPO, SRO, CAWN, ASBO or injunction, High Court injunction)",
         NULL, 0, 0},
        {"T07", "Other legislation, such as harassment", NULL, 0, 0},
        {"T08", "Phone tracking and who may track", NULL, 0, 0},
        {"T09", "People around the child told of the risk (disclosure)", NULL, 0, 0},
        {"T10", "Secure accommodation, with police evidence", NULL, 0, 0},
        {"T11", "Vehicles flagged on ANPR", NULL, 0, 0},
        {"T12", "CCTV staff briefed", NULL, 0, 0},
        {"T13", "Briefing sheets on children, suspects and vehicles circulated", NULL, 0, 0},
        {"T14", "Covert tactics", NULL, 0, REF_RESTRICTED},
        {"T15", "Source tasking", NULL, 0, REF_RESTRICTED},
        {"T16",
         "DNA and forensic examination; voluntary sample to the vulnerable persons DNA database",
         NULL, 0, 0},
        {"T17", "Financial investigation", NULL, 0, 0},
        {"T18", "Home visits to the suspect's address", NULL, 0, 0},
        {"T19", "Hotels: visits, warnings, registers, CCTV, notices and observation", NULL, 0, 0},
        {"T20", "Parks and city centres: briefings, patrols, CCTV, observation", NULL, 0, 0},
        {"T21", "Takeaways and taxi firms: patrols, warnings, licensing, closure orders", NULL, 0,
         0},
        {"T22", "Children's homes: absence patterns, joint plan, staff briefing, patrols", NULL, 0,
         0},
        {"T23", "Schools: staff briefing, intelligence, absence recording, talks, patrols", NULL, 0,
         0},
        {"T24", "Immigration status enquiries", NULL, 0, 0},
        {"T25", "MAPPA referral or potentially dangerous person", NULL, 0, 0},
        {"T26", "Targeting the suspect's other offences", NULL, 0, 0},
        {"T27", "Searches for phones and devices; call patterns", NULL, 0, 0},
        {"T28", "Social media enquiries with authority", NULL, 0, 0},
        {"T29", "Search warrants", NULL, 0, 0},
};

/* s7: methods of coercion seen. */
static const struct ref_item coercion[] = {
        {"gifts", "Gifts, especially early on", NULL, 0, 0},
        {"food", "Food", NULL, 0, 0},
        {"rewards_topups", "Rewards or phone top-ups", NULL, 0, 0},
        {"attention", "Attention", NULL, 0, 0},
        {"false_love", "False promises of love or affection", NULL, 0, 0},
        {"false_opportunity", "False promises of opportunities such as modelling or acting", NULL,
         0, 0},
        {"alcohol", "Alcohol", NULL, 0, 0},
        {"drugs_debt", "Drugs, or paying off a drug debt", NULL, 0, 0},
        {"other_debt", "Paying off other debt", NULL, 0, 0},
        {"manipulation", "Psychological manipulation", NULL, 0, 0},
        {"blackmail", "Blackmail", NULL, 0, 0},
        {"fear", "Fear", NULL, 0, 0},
        {"violence", "Physical violence", NULL, 0, 0},
};

/* s7: victim care in the criminal justice process. */
static const struct ref_item victim_care[] = {
        {"special_measures", "Special measures", NULL, 0, 0},
        {"intermediary", "Intermediary", NULL, 0, 0},
        {"safety_reassurance", "Reassurance about safety", NULL, 0, 0},
        {"regular_contact", "Regular contact and trial date updates", NULL, 0, 0},
        {"pre_court_visit", "Pre-court visit", NULL, 0, 0},
        {"witness_pack", "Witness pack suited to the child's age", NULL, 0, 0},
        {"court_transport", "Transport to and from court", NULL, 0, 0},
        {"daily_debrief", "Daily debrief during the trial", NULL, 0, 0},
        {"meet_prosecutor", "Meeting with the prosecuting barrister", NULL, 0, 0},
        {"bail_management", "Bail management of suspects", NULL, 0, 0},
        {"sentencing", "Attending sentencing where in the child's interest", NULL, 0, 0},
        {"rehousing", "Re-housing in extreme cases", NULL, 0, 0},
        {"compensation", "Criminal injuries compensation claim after the trial", NULL, 0, 0},
};

/* R-DEF-5: App C groups at increased risk. */
static const struct ref_item risk_groups[] = {
        {"missing", "Goes missing, especially from care", NULL, 0, 0},
        {"gang_associated", "Associated with gangs", NULL, 0, 0},
        {"looked_after", "Looked after by a local authority", NULL, 0, 0},
        {"peer_recruitment", "Drawn in by peers", NULL, 0, 0},
        {"bereavement_trauma", "Bereavement or trauma", NULL, 0, 0},
        {"trafficked", "Trafficked", NULL, 0, 0},
        {"disability", "Disabled or has a learning difficulty", NULL, 0, 0},
        {"low_self_esteem", "Low self-esteem", NULL, 0, 0},
        {"domestic_abuse_16_17", "Domestic abuse overlap at 16 or 17", NULL, 0, 0},
};

/* R-DEF-3: exploitation models. */
static const struct ref_item models[] = {
        {"boyfriend", "Boyfriend model", NULL, 0, 0},
        {"peer_on_peer", "Peer on peer", NULL, 0, 0},
        {"organised", "Organised or networked, including trafficking", NULL, 0, 0},
        {"inappropriate_relationship", "Inappropriate relationship", NULL, 0, 0},
        {"familial", "Familial", NULL, 0, 0},
        {"opportunistic", "Opportunistic", NULL, 0, 0},
        {"online", "Online", NULL, 0, 0},
};

/* Exploitation types, in enum proto_exploitation order. */
static const struct ref_item exploitation_types[] = {
        {"sexual", "Sexual exploitation", NULL, 0, 0},
        {"criminal", "Criminal exploitation", NULL, 0, 0},
        {"trafficking", "Trafficking", NULL, 0, 0},
        {"other", "Other exploitation", NULL, 0, 0},
};

/* Agency types, in enum proto_agency order. */
static const struct ref_item agency_types[] = {
        {"police", "Police", NULL, 0, 0},
        {"childrens_social_care", "Children's social care", NULL, 0, 0},
        {"health", "Health", NULL, 0, 0},
        {"education", "Education", NULL, 0, 0},
        {"youth_offending", "Youth offending service", NULL, 0, 0},
        {"probation", "Probation", NULL, 0, 0},
        {"housing", "Housing", NULL, 0, 0},
        {"charity", "Charity or voluntary sector", NULL, 0, 0},
        {"other", "Other agency", NULL, 0, 0},
};

/* Roles, in enum proto_role order. */
static const struct ref_item roles[] = {
        {"police_officer", "Police officer", NULL, 0, 0},
        {"police_supervisor", "Police supervisor", NULL, 0, 0},
        {"assessment_team", "Assessment team", NULL, 0, 0},
        {"mash_worker", "MASH worker", NULL, 0, 0},
        {"social_worker", "Social worker", NULL, 0, 0},
        {"csc_manager", "Children's social care manager", NULL, 0, 0},
        {"health", "Health professional", NULL, 0, 0},
        {"education", "Education professional", NULL, 0, 0},
        {"youth_offending", "Youth offending worker", NULL, 0, 0},
        {"charity", "Charity worker", NULL, 0, 0},
        {"analyst", "Analyst", NULL, 0, 0},
        {"mase_chair", "MASE chair", NULL, 0, 0},
        {"auditor", "Auditor", NULL, 0, 0},
        {"administrator", "Administrator", NULL, 0, 0},
};

/* R-FLAG-1..4: branch flags, in enum flag_bit order (flags.h). */
static const struct ref_item flag_codes[] = {
        {"ES", "Suspicion of exploitation", NULL, 0, 0},
        {"GE", "An exploitative group appears responsible", NULL, 0, 0},
        {"GA", "An exploitative gang appears responsible", NULL, 0, 0},
        {"LA", "Police category 1 enquiry", NULL, 1, 0},
        {"LB", "Police category 2 enquiry", NULL, 2, 0},
        {"LC", "Police category 3 enquiry", NULL, 3, 0},
        {"EU", "Exploitation online", NULL, 0, 0},
};

/* R-OUT-1..4: outcome codes. */
static const struct ref_item outcome_codes[] = {
        {"MI", "Positive intervention for the child achieved", "victim", 0, 0},
        {"FP", "Order served on the suspect", "suspect", 0, 0},
        {"FO", "Sexual Harm Prevention Order served on the suspect", "suspect", 0, 0},
        {"FQ", "Positive disruption of the suspect, including any charge", "suspect", 0, 0},
};

/* R-PATH-5, 6, 7: Appendix G checklists. */
static const struct ref_item checklist[] = {
        {"I1", "How the child came to notice", "initial", 0, 0},
        {"I2", "Reasons for suspicion, in terms of the SAFEGUARD signs", "initial", 0, 0},
        {"I3", "Risk review after research on the child and known associates; immediate protection",
         "initial", 0, 0},
        {"I4", "MERLIN/PAC number, with the exploitation category set", "initial", 0, 0},
        {"I5", "Other first information, such as repeat missing episodes", "initial", 0, 0},
        {"S1", "Allegation reviewed", "supervisor", 0, 0},
        {"S2", "Classification reviewed", "supervisor", 0, 0},
        {"S3", "Action plan for gaps in intelligence", "supervisor", 0, 0},
        {"S4", "MERLIN record complete", "supervisor", 0, 0},
        {"S5", "Protection and support strategy for the child reviewed", "supervisor", 0, 0},
        {"S6", "Category reviewed, with a Threat to Life assessment where appropriate",
         "supervisor", 0, 0},
        {"E1", "Immediate risk of significant harm: police protection considered and recorded",
         "essential", 0, 0},
        {"E2", "Locate/trace marker on PNC for the child", "essential", 0, 0},
        {"E3", "Child referred to the borough MASE, or MASE updated; outcome MI considered",
         "essential", 0, 0},
        {"E4", "Rationale recorded for any decision not to intervene or refer", "essential", 0, 0},
        {"E5", "Category reviewed by the assessment team and flag set", "essential", 0, 0},
};

/* App I: legislation for charges and orders. */
static const struct ref_item legislation[] = {
        {"soa2003_s5_8", "Sexual Offences Act 2003 ss5-8: offences against a child under 13", NULL,
         0, 0},
        {"soa2003_s9_15", "Sexual Offences Act 2003 ss9-15: offences against a child under 16",
         NULL, 0, 0},
        {"soa2003_s14",
         "Sexual Offences Act 2003 s14: arranging or facilitating an offence against a child", NULL,
         0, 0},
        {"soa2003_s15", "Sexual Offences Act 2003 s15: meeting a child after grooming", NULL, 0, 0},
        {"soa2003_s16_24", "Sexual Offences Act 2003 ss16-24: abuse of a position of trust", NULL,
         0, 0},
        {"soa2003_s25_29", "Sexual Offences Act 2003 ss25-29: familial offences", NULL, 0, 0},
        {"soa2003_s47_50",
         "Sexual Offences Act 2003 ss47-50: paying for, causing, controlling or arranging the "
         "sexual "
         "exploitation of a child",
         NULL, 0, 0},
        {"soa2003_s57_59", "Sexual Offences Act 2003 ss57-59: trafficking for sexual exploitation",
         NULL, 0, 0},
        {"shpo", "Sexual Harm Prevention Order", NULL, 0, 0},
        {"sro", "Sexual Risk Order", NULL, 0, 0},
        {"cawn",
         "Child Abduction Warning Notice (s2 Child Abduction Act 1984, s49 Children Act 1989)",
         NULL, 0, 0},
        {"hotel_notice",
         "Hotel notice (ss116-118 Anti-social Behaviour, Crime and Policing Act 2014)", NULL, 0, 0},
        {"police_protection", "Police protection (s46 Children Act 1989)", NULL, 0, 0},
};

/* R-MASE-3: MASE membership. */
static const struct ref_item mase_members[] = {
        {"police", "Police", "statutory", 0, 0},
        {"childrens_social_care", "Children's social care", "statutory", 0, 0},
        {"health", "Health", "statutory", 0, 0},
        {"education", "Education", "statutory", 0, 0},
        {"support_service", "Contracted exploitation support service", "statutory", 0, 0},
        {"youth_offending", "Youth offending service", "statutory", 0, 0},
        {"housing", "Housing", "invited", 0, 0},
        {"probation", "Probation", "invited", 0, 0},
        {"mental_health", "Mental health services", "invited", 0, 0},
        {"drug_alcohol", "Drug and alcohol services", "invited", 0, 0},
        {"other_charity", "Other charities", "invited", 0, 0},
        {"care_home_provider", "Care home providers", "invited", 0, 0},
        {"community_safety", "Community safety", "invited", 0, 0},
        {"business", "Business representatives for a problem location", "invited", 0, 0},
};

/* R-ORD-4: types of disruption, in enum disruption_type order (orders.h). The first
 * seven codes are enum order_type's (outcomes.h). group = how each is recorded. */
static const struct ref_item disruption_types[] = {
        {"cawn", "Child Abduction Warning Notice", "notice", 0, 0},
        {"sro", "Sexual Risk Order", "order", 0, 0},
        {"notification_order", "Notification order", "order", 0, 0},
        {"asbo_injunction", "Civil injunction (formerly ASBO)", "order", 0, 0},
        {"shpo", "Sexual Harm Prevention Order", "order", 0, 0},
        {"hotel_notice", "Hotel notice: information request to a hotel or B&B", "notice", 0, 0},
        {"closure_order", "Closure order on premises", "order", 0, 0},
        {"arrest", "Arrest", "event", 0, 0},
        {"charge", "Charge", "event", 0, 0},
        {"licensing_action", "Licensing action", "event", 0, 0},
        {"anpr_marker", "Vehicle marker on ANPR", "marker", 0, 0},
        {"cad_special_scheme", "Special scheme on CAD for an address", "marker", 0, 0},
        {"covert_tactic", "Covert tactic", "tactic", 0, REF_RESTRICTED},
};

/* R-ORD-4: order and notice statuses, in enum order_status order. */
static const struct ref_item order_statuses[] = {
        {"applied", "Applied for", NULL, 0, 0},   {"made", "Made by the court", NULL, 0, 0},
        {"served", "Served", NULL, 0, 0},         {"varied", "Varied", NULL, 0, 0},
        {"breached", "Breached", NULL, 0, 0},     {"expired", "Expired", NULL, 0, 0},
        {"discharged", "Discharged", NULL, 0, 0},
};

/* R-ORD-5: how a tactical option is marked, in enum tactic_mark order (plans.h). */
static const struct ref_item tactic_marks[] = {
        {"not_considered", "Not yet considered", NULL, 0, 0},
        {"considered", "Considered", NULL, 0, 0},
        {"in_place", "In place", NULL, 0, 0},
        {"not_applicable", "Not applicable", NULL, 0, 0},
};

/* R-MASE-7: action statuses, in enum action_status order (plans.h). */
static const struct ref_item action_statuses[] = {
        {"open", "Open", NULL, 0, 0},
        {"done", "Done", NULL, 0, 0},
        {"cancelled", "Cancelled", NULL, 0, 0},
};

/* R-MASE-2: police ranks. category = level, so that detective and uniform ranks of
 * the same grade compare equal; Inspector and Detective Inspector are 3. */
static const struct ref_item police_ranks[] = {
        {"police_staff", "Police staff", "staff", 0, 0},
        {"constable", "Police Constable", "uniform", 1, 0},
        {"detective_constable", "Detective Constable", "detective", 1, 0},
        {"sergeant", "Police Sergeant", "uniform", 2, 0},
        {"detective_sergeant", "Detective Sergeant", "detective", 2, 0},
        {"inspector", "Inspector", "uniform", 3, 0},
        {"detective_inspector", "Detective Inspector", "detective", 3, 0},
        {"chief_inspector", "Chief Inspector", "uniform", 4, 0},
        {"detective_chief_inspector", "Detective Chief Inspector", "detective", 4, 0},
        {"superintendent", "Superintendent", "uniform", 5, 0},
        {"detective_superintendent", "Detective Superintendent", "detective", 5, 0},
        {"chief_superintendent", "Chief Superintendent", "uniform", 6, 0},
        {"detective_chief_superintendent", "Detective Chief Superintendent", "detective", 6, 0},
        {"commander", "Commander", "uniform", 7, 0},
        {"assistant_chief_constable", "Assistant Chief Constable", "uniform", 7, 0},
        {"deputy_assistant_commissioner", "Deputy Assistant Commissioner", "uniform", 8, 0},
        {"deputy_chief_constable", "Deputy Chief Constable", "uniform", 8, 0},
        {"assistant_commissioner", "Assistant Commissioner", "uniform", 9, 0},
        {"chief_constable", "Chief Constable", "uniform", 9, 0},
};

/* R-MASE-6: the agenda's seven sections, category = section number. */
static const struct ref_item agenda_sections[] = {
        {"compliance", "Compliance: referrals received by each agency since the last meeting", NULL,
         1, 0},
        {"new_cases", "New cases", NULL, 2, 0},
        {"review_cases", "Review cases", NULL, 3, 0},
        {"out_of_borough", "Children living out of borough", NULL, 4, 0},
        {"cross_border", "Cross-border issues", NULL, 5, 0},
        {"perpetrators", "Identified perpetrators and their disruption", NULL, 6, 0},
        {"locations", "Problem locations and trends", NULL, 7, 0},
};

/* R-MASE-8: the chair's duties at each meeting (App D). */
static const struct ref_item chair_duties[] = {
        {"D1",
         "Every agency represented at the right level; any gap reported to the safeguarding "
         "partnership board",
         NULL, 0, 0},
        {"D2", "Every member had the chance to contribute", NULL, 0, 0},
        {"D3", "Information shared under current guidance and recorded on each agency's system",
         NULL, 0, 0},
        {"D4", "Actions collated and addressed", NULL, 0, 0},
        {"D5", "The meeting kept at the right level and focused on its aims", NULL, 0, 0},
};

/* R-MASE-9 (R-CAT-7): the linked-case list's categories, in bit order (mase.h). */
static const struct ref_item analysis_categories[] = {
        {"serial_person", "Person of concern linked to several children", NULL, 0, 0},
        {"group", "Group or gang of people of concern", NULL, 0, 0},
        {"location", "Place linked to several cases", NULL, 0, 0},
        {"low_category_linked", "Low-category case linked to other cases", NULL, 0, 0},
};

/* R-MASE-1: the meeting's name, a setting (MACE in the 2021 London protocol). */
static const struct ref_item meeting_names[] = {
        {"MASE", "Multi-Agency Sexual Exploitation meeting", NULL, 0, 0},
        {"MACE", "Multi-Agency Child Exploitation meeting", NULL, 0, 0},
};

/* R-OUTC-1: long-term outcomes for each child (s12), in enum child_outcome order. */
static const struct ref_item child_outcomes[] = {
        {"missing_reduced", "Fewer missing episodes", NULL, 0, 0},
        {"school_attendance", "Better school attendance", NULL, 0, 0},
        {"substance_use_reduced", "Less alcohol and drug use", NULL, 0, 0},
        {"family_relationship", "Better relationship with parent or carer", NULL, 0, 0},
        {"stable_accommodation", "Stable and secure accommodation", NULL, 0, 0},
        {"recognises_exploitation", "Recognises abusive and exploitative behaviour", NULL, 0, 0},
        {"stays_in_contact", "Stays in contact with the service", NULL, 0, 0},
        {"sexual_health_knowledge", "Knows about sexual health", NULL, 0, 0},
        {"risky_contacts_reduced", "Less contact with peers and adults who pose a risk", NULL, 0,
         0},
        {"expresses_feelings", "Able to express feelings", NULL, 0, 0},
        {"safety_strategies", "Knows ways to keep safe", NULL, 0, 0},
        {"family_support", "Family has access to support", NULL, 0, 0},
        {"knows_rights", "Aware of own and others' rights", NULL, 0, 0},
};

/* R-OUTC-1: the score of an outcome at a review, category = the score. A measure of
 * progress recorded by the professional, never a prediction. */
static const struct ref_item outcome_scale[] = {
        {"1", "Serious concern: no progress yet", NULL, 1, 0},
        {"2", "Concern: first steps", NULL, 2, 0},
        {"3", "Some progress", NULL, 3, 0},
        {"4", "Good progress", NULL, 4, 0},
        {"5", "Outcome met and sustained", NULL, 5, 0},
};

/* R-OUTC-2: the CPS's decision on a case referred to it (enum cj_decision from
 * CJ_CHARGE, outcomes.h). */
static const struct ref_item cps_decisions[] = {
        {"charge", "Charge", NULL, 0, 0},
        {"no_further_action", "No further action", NULL, 0, 0},
        {"more_evidence", "More evidence requested", NULL, 0, 0},
        {"out_of_court", "Out-of-court disposal", NULL, 0, 0},
};

/* R-OUTC-2: the result of a charge at court (enum cj_result from CJ_CONVICTED). */
static const struct ref_item court_results[] = {
        {"convicted", "Convicted", NULL, 0, 0},
        {"acquitted", "Acquitted", NULL, 0, 0},
        {"discontinued", "Discontinued", NULL, 0, 0},
};

/* R-RPT-1 (the board report's sections, s5 App D) and R-RPT-3 (the problem profile). */
static const struct ref_item report_sections[] = {
        {"volume", "Volume of cases", "board", 0, 0},
        {"communities", "Communities affected", "board", 0, 0},
        {"patterns", "Patterns of exploitation", "board", 0, 0},
        {"perpetrator_activity", "Activity against perpetrators", "board", 0, 0},
        {"agency_performance", "Performance of each agency", "board", 0, 0},
        {"disruptions", "Number and type of disruptions", "board", 0, 0},
        {"problem_profile", "Problem profile: cases, people of concern and places over time",
         "analyst", 0, 0},
};

/* R-RPT-1..3: what each figure counts. group = the section (report_sections). Every
 * figure is computed from the records (R-RPT-2); reports.h gives the functions. */
static const struct ref_item report_figures[] = {
        {"cases_open", "Children whose record was open at any time in the period, each once",
         "volume", 0, 0},
        {"cases_new", "Children whose record was opened in the period", "volume", 0, 0},
        {"cases_by_category",
         "Open records by police category at the end of the period, low categories included",
         "volume", 0, 0},
        {"children_by_group",
         "Children in the volume by gender, age at the end of the period, ethnicity, "
         "looked-after status and disability",
         "communities", 0, 0},
        {"models", "Records in the volume by exploitation model and type", "patterns", 0, 0},
        {"missing_episodes", "Missing episodes that began in the period, of children in the volume",
         "patterns", 0, 0},
        {"linked_cases", "Linked-case list: serial people of concern, groups, places", "patterns",
         0, 0},
        {"persons_identified", "People of concern first linked to a child in the period",
         "perpetrator_activity", 0, 0},
        {"persons_disrupted", "People of concern with a disruption counted in the period",
         "perpetrator_activity", 0, 0},
        {"justice_attrition",
         "Cases referred to the CPS in the period, how many were charged and how many convicted",
         "perpetrator_activity", 0, 0},
        {"referrals_by_agency", "Referrals made by each agency in the period", "agency_performance",
         0, 0},
        {"meeting_attendance",
         "Meetings each statutory member attended, of the meetings held in the period",
         "agency_performance", 0, 0},
        {"meeting_gaps",
         "Meetings flagged for the chair's rank, the police rank or an absent statutory member",
         "agency_performance", 0, 0},
        {"actions_on_time", "Actions due in the period done by their due date, by owning agency",
         "agency_performance", 0, 0},
        {"contacts", "Each agency's senior lead and single point of contact", "agency_performance",
         0, 0},
        {"disruptions_by_type",
         "Orders and notices served, and arrests, charges, licensing actions, markers and "
         "schemes made, in the period; covert tactics are never counted",
         "disruptions", 0, 0},
        {"profile_over_time", "Cases, people of concern and places by month and by borough",
         "problem_profile", 0, 0},
};

/* Children in need census factor codes Lantern can assert from its records (reports.h
 * says when a child is counted). */
static const struct ref_item cin_factors[] = {
        {"10A", "Going or being missing", "cin_census", 0, 0},
        {"11A", "Child sexual exploitation", "cin_census", 0, 0},
        {"12A", "Trafficking", "cin_census", 0, 0},
        {"13A", "Gangs", "cin_census", 0, 0},
        {"24A", "Child criminal exploitation", "cin_census", 0, 0},
};

struct table {
	const char *name;
	const struct ref_item *items;
	size_t n;
};

#define T(name, arr)                                                                               \
	{                                                                                          \
		name, arr, ARRAY_LEN(arr)                                                          \
	}
static const struct table tables[REF_TABLE_COUNT] = {
        [REF_SIGNS] = T("signs", signs),
        [REF_DOMAINS] = T("indicator_domains", domains),
        [REF_INDICATORS] = T("indicators", indicators),
        [REF_TACTICS] = T("tactical_options", tactics),
        [REF_COERCION] = T("coercion_methods", coercion),
        [REF_VICTIM_CARE] = T("victim_care", victim_care),
        [REF_RISK_GROUPS] = T("risk_groups", risk_groups),
        [REF_MODELS] = T("exploitation_models", models),
        [REF_EXPLOITATION_TYPES] = T("exploitation_types", exploitation_types),
        [REF_AGENCY_TYPES] = T("agency_types", agency_types),
        [REF_ROLES] = T("roles", roles),
        [REF_FLAGS] = T("flags", flag_codes),
        [REF_OUTCOMES] = T("outcome_codes", outcome_codes),
        [REF_CHECKLIST] = T("checklist_items", checklist),
        [REF_LEGISLATION] = T("legislation", legislation),
        [REF_MASE_MEMBERS] = T("mase_members", mase_members),
        [REF_DISRUPTION_TYPES] = T("disruption_types", disruption_types),
        [REF_ORDER_STATUSES] = T("order_statuses", order_statuses),
        [REF_TACTIC_MARKS] = T("tactic_marks", tactic_marks),
        [REF_ACTION_STATUSES] = T("action_statuses", action_statuses),
        [REF_POLICE_RANKS] = T("police_ranks", police_ranks),
        [REF_AGENDA_SECTIONS] = T("agenda_sections", agenda_sections),
        [REF_CHAIR_DUTIES] = T("chair_duties", chair_duties),
        [REF_ANALYSIS] = T("analysis_categories", analysis_categories),
        [REF_MEETING_NAMES] = T("meeting_names", meeting_names),
        [REF_CHILD_OUTCOMES] = T("child_outcomes", child_outcomes),
        [REF_OUTCOME_SCALE] = T("outcome_scale", outcome_scale),
        [REF_CPS_DECISIONS] = T("cps_decisions", cps_decisions),
        [REF_COURT_RESULTS] = T("court_results", court_results),
        [REF_REPORT_SECTIONS] = T("report_sections", report_sections),
        [REF_REPORT_FIGURES] = T("report_figures", report_figures),
        [REF_CIN_FACTORS] = T("cin_factors", cin_factors),
};

_Static_assert(ARRAY_LEN(agency_types) == AGENCY_COUNT, "agency table matches enum");
_Static_assert(ARRAY_LEN(roles) == ROLE_COUNT, "role table matches enum");
_Static_assert(ARRAY_LEN(exploitation_types) == EXPLOIT_COUNT, "type table matches enum");
_Static_assert(ARRAY_LEN(disruption_types) == DISRUPTION_TYPE_COUNT, "matches the enum");
_Static_assert(ARRAY_LEN(order_statuses) == ORDER_STATUS_COUNT, "matches the enum");
_Static_assert(ARRAY_LEN(tactic_marks) == TACTIC_MARK_COUNT, "matches the enum");
_Static_assert(ARRAY_LEN(action_statuses) == ACTION_STATUS_COUNT, "matches the enum");
_Static_assert(ARRAY_LEN(agenda_sections) == MASE_SECTION_COUNT, "matches the enum");
_Static_assert(ARRAY_LEN(chair_duties) == MASE_DUTY_COUNT, "matches the count");
_Static_assert(ARRAY_LEN(analysis_categories) == MASE_ANALYSIS_COUNT, "matches the bits");
_Static_assert(ARRAY_LEN(meeting_names) == MASE_NAME_COUNT, "matches the enum");
_Static_assert(ARRAY_LEN(child_outcomes) == CHILD_OUTCOME_COUNT, "matches the enum");
_Static_assert(ARRAY_LEN(outcome_scale) == OUTC_SCORE_MAX, "one item per score");
_Static_assert(ARRAY_LEN(cps_decisions) == CJ_DECISION_COUNT - 1, "matches the enum");
_Static_assert(ARRAY_LEN(court_results) == CJ_RESULT_COUNT - 1, "matches the enum");
_Static_assert(ARRAY_LEN(cin_factors) == RPT_CIN_COUNT, "matches the bits");

const struct ref_item *ref_table(enum ref_table t, size_t *n)
{
	if ((unsigned)t >= REF_TABLE_COUNT) {
		if (n)
			*n = 0;
		return NULL;
	}
	if (n)
		*n = tables[t].n;
	return tables[t].items;
}

const char *ref_table_name(enum ref_table t)
{
	return (unsigned)t < REF_TABLE_COUNT ? tables[t].name : NULL;
}

const struct ref_item *ref_lookup(enum ref_table t, const char *code)
{
	size_t n;
	const struct ref_item *items = ref_table(t, &n);
	if (!items || !code)
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (strcmp(items[i].code, code) == 0)
			return &items[i];
	return NULL;
}

int ref_each(int (*fn)(enum ref_table t, const struct ref_item *item, void *ctx), void *ctx)
{
	for (int t = 0; t < REF_TABLE_COUNT; t++)
		for (size_t i = 0; i < tables[t].n; i++) {
			int rc = fn((enum ref_table)t, &tables[t].items[i], ctx);
			if (rc)
				return rc;
		}
	return 0;
}

const struct ref_item *ref_sign(const char *code)
{
	return ref_lookup(REF_SIGNS, code);
}

const struct ref_item *ref_indicator(const char *code)
{
	return ref_lookup(REF_INDICATORS, code);
}

const struct ref_item *ref_tactic(const char *code)
{
	return ref_lookup(REF_TACTICS, code);
}

/* Finds `code` in a table whose order matches an enum; the index, or -1. */
static int index_of(enum ref_table t, const char *code)
{
	const struct ref_item *it = ref_lookup(t, code);
	return it ? (int)(it - tables[t].items) : -1;
}

const char *ref_agency_code(enum proto_agency a)
{
	return (unsigned)a < AGENCY_COUNT ? agency_types[a].code : NULL;
}

int ref_agency_parse(const char *code, enum proto_agency *out)
{
	int i = index_of(REF_AGENCY_TYPES, code);
	if (i < 0)
		return -1;
	*out = (enum proto_agency)i;
	return 0;
}

const char *ref_role_code(enum proto_role r)
{
	return (unsigned)r < ROLE_COUNT ? roles[r].code : NULL;
}

int ref_role_parse(const char *code, enum proto_role *out)
{
	int i = index_of(REF_ROLES, code);
	if (i < 0)
		return -1;
	*out = (enum proto_role)i;
	return 0;
}

const char *ref_exploitation_code(enum proto_exploitation e)
{
	return (unsigned)e < EXPLOIT_COUNT ? exploitation_types[e].code : NULL;
}

int ref_exploitation_parse(const char *code, enum proto_exploitation *out)
{
	int i = index_of(REF_EXPLOITATION_TYPES, code);
	if (i < 0)
		return -1;
	*out = (enum proto_exploitation)i;
	return 0;
}

const struct ref_item *ref_indicators_for(int category, size_t *n)
{
	size_t first = ARRAY_LEN(indicators), count = 0;
	for (size_t i = 0; i < ARRAY_LEN(indicators); i++) {
		if (indicators[i].category != category)
			continue;
		if (count == 0)
			first = i;
		count++;
	}
	if (n)
		*n = count;
	return count ? &indicators[first] : NULL;
}
