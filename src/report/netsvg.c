/* netsvg.c: a network as an accessible SVG picture and as table rows (see netsvg.h). */
#include "report/netsvg.h"

#include <math.h>

#include "report/svg.h"

static const char *const shape_names[GRAPH_TYPE_COUNT] = {"circle",  "square",  "triangle",
                                                          "diamond", "hexagon", "star"};
static const char *const colours[GRAPH_TYPE_COUNT] = {"#1d70b8", "#d4351c", "#00703c",
                                                      "#4c2c92", "#b1560f", "#505a5f"};

/* Line style per kind: width and dash pattern ("" = solid), and its name in words. */
static const struct {
	const char *width, *dash, *name;
} lines[GRAPH_KIND_COUNT] = {
        {"2", "", "solid line"},                    /* associate */
        {"2", "8 4", "dashed line"},                /* seen with */
        {"2.5", "1 4", "dotted line"},              /* found at */
        {"2", "10 4 2 4", "dash-dot line"},         /* uses */
        {"2", "16 6", "long-dashed line"},          /* registered keeper */
        {"4.5", "", "thick solid line"},            /* member of */
        {"2", "3 3", "short-dashed line"},          /* visited */
        {"2", "10 3 2 3 2 3", "dash-dot-dot line"}, /* transported */
        {"4", "14 4 4 4", "thick dash-dot line"},   /* missing with */
        {"1", "", "thin solid line"},               /* episode of */
};

const char *netsvg_shape_name(enum graph_type t)
{
	return (unsigned)t < GRAPH_TYPE_COUNT ? shape_names[t] : NULL;
}

const char *netsvg_line_name(enum graph_kind k)
{
	return (unsigned)k < GRAPH_KIND_COUNT ? lines[k].name : NULL;
}

void netsvg_date(int64_t t, char out[LT_DATE_LEN])
{
	if (!t) {
		out[0] = '\0';
		return;
	}
	ltime_format_date(ltime_date_of(t + ltime_london_offset(t)), out);
}

/* Drawing area and legend. */
#define AREA_X 40.0
#define AREA_Y 30.0
#define AREA_W 660.0
#define AREA_H 630.0
#define LEGEND_X 740
#define NODE_R 9.0

/* One line of the picture: a pair of drawn nodes and a kind, with its links. */
struct line {
	int32_t la, lb;
	enum graph_kind kind;
	int32_t count, intel;
	int64_t first, last; /* earliest start, latest end (0 = open) */
	int32_t slot, slots; /* side by side with the pair's other kinds */
};

static int cmp_line(const void *a, const void *b)
{
	const struct line *x = a, *y = b;
	if (x->la != y->la)
		return (x->la > y->la) - (x->la < y->la);
	if (x->lb != y->lb)
		return (x->lb > y->lb) - (x->lb < y->lb);
	return ((int)x->kind > (int)y->kind) - ((int)x->kind < (int)y->kind);
}

static int put_shape(struct buf *b, enum graph_type t, double x, double y, double r, bool centre)
{
	int rc = 0;
	const char *attrs = centre ? "stroke=\"#0b0c0c\" stroke-width=\"4\""
	                           : "stroke=\"#0b0c0c\" stroke-width=\"1.5\"";
	if (t == GRAPH_CHILD) {
		rc |= buf_puts(b, "<circle cx=\"");
		rc |= svg_put_num(b, x);
		rc |= buf_puts(b, "\" cy=\"");
		rc |= svg_put_num(b, y);
		rc |= buf_puts(b, "\" r=\"");
		rc |= svg_put_num(b, r);
	} else if (t == GRAPH_POC) {
		rc |= buf_puts(b, "<rect x=\"");
		rc |= svg_put_num(b, x - r);
		rc |= buf_puts(b, "\" y=\"");
		rc |= svg_put_num(b, y - r);
		rc |= buf_puts(b, "\" width=\"");
		rc |= svg_put_num(b, 2 * r);
		rc |= buf_puts(b, "\" height=\"");
		rc |= svg_put_num(b, 2 * r);
	} else {
		static const double tri[] = {0, -1.25, 1.15, 0.85, -1.15, 0.85};
		static const double dia[] = {0, -1.35, 1.35, 0, 0, 1.35, -1.35, 0};
		double pts[20];
		int np = 0;
		if (t == GRAPH_PLACE) {
			memcpy(pts, tri, sizeof(tri));
			np = 3;
		} else if (t == GRAPH_VEHICLE) {
			memcpy(pts, dia, sizeof(dia));
			np = 4;
		} else if (t == GRAPH_PHONE) {
			np = 6;
			for (int i = 0; i < 6; i++) {
				pts[2 * i] = 1.15 * cos(M_PI / 3 * i);
				pts[2 * i + 1] = 1.15 * sin(M_PI / 3 * i);
			}
		} else {
			np = 10;
			for (int i = 0; i < 10; i++) {
				double rad = i % 2 ? 0.6 : 1.4, a = -M_PI / 2 + M_PI / 5 * i;
				pts[2 * i] = rad * cos(a);
				pts[2 * i + 1] = rad * sin(a);
			}
		}
		rc |= buf_puts(b, "<polygon points=\"");
		for (int i = 0; i < np; i++) {
			if (i)
				rc |= buf_putc(b, ' ');
			rc |= svg_put_num(b, x + r * pts[2 * i]);
			rc |= buf_putc(b, ',');
			rc |= svg_put_num(b, y + r * pts[2 * i + 1]);
		}
	}
	rc |= buf_printf(b, "\" fill=\"%s\" %s/>", colours[t], attrs);
	return rc ? -1 : 0;
}

static int put_line_style(struct buf *b, enum graph_kind k)
{
	int rc = buf_printf(b, " stroke=\"#0b0c0c\" stroke-width=\"%s\"", lines[k].width);
	if (*lines[k].dash)
		rc |= buf_printf(b, " stroke-dasharray=\"%s\"", lines[k].dash);
	return rc ? -1 : 0;
}

/* "child: Label (category 2)" as escaped text. */
static int put_node_words(struct buf *b, const struct graph_node_in *v)
{
	int rc = svg_put_text(b, graph_type_name(v->type), 0);
	rc |= buf_puts(b, ": ");
	rc |= svg_put_text(b, v->label, 0);
	if (v->type == GRAPH_CHILD)
		rc |= v->category ? buf_printf(b, " (category %d)", v->category)
		                  : buf_puts(b, " (no category)");
	if (v->type == GRAPH_POC && v->has_order)
		rc |= buf_puts(b, " (order in force)");
	return rc ? -1 : 0;
}

static int put_legend(struct buf *b, const bool *types, const bool *kinds)
{
	int rc = buf_printf(b,
	                    "<g font-family=\"Arial, sans-serif\" font-size=\"14\">\n"
	                    "<text x=\"%d\" y=\"40\" font-weight=\"bold\">Key</text>\n",
	                    LEGEND_X);
	int y = 70;
	for (int t = 0; t < GRAPH_TYPE_COUNT; t++) {
		if (!types[t])
			continue;
		rc |= put_shape(b, (enum graph_type)t, LEGEND_X + 12, y - 5, 7, false);
		rc |= buf_printf(b, "<text x=\"%d\" y=\"%d\">%s (%s)</text>\n", LEGEND_X + 30, y,
		                 graph_type_name((enum graph_type)t), shape_names[t]);
		y += 26;
	}
	y += 10;
	for (int k = 0; k < GRAPH_KIND_COUNT; k++) {
		if (!kinds[k])
			continue;
		rc |= buf_printf(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"", LEGEND_X,
		                 y - 5, LEGEND_X + 24, y - 5);
		rc |= put_line_style(b, (enum graph_kind)k);
		rc |= buf_printf(b, "/>\n<text x=\"%d\" y=\"%d\">%s (%s)</text>\n", LEGEND_X + 30,
		                 y, graph_kind_name((enum graph_kind)k), lines[k].name);
		y += 24;
	}
	rc |= buf_puts(b, "</g>\n");
	return rc ? -1 : 0;
}

/* Collects the lines among the first n nodes. */
static int collect_lines(const struct graph *g, const struct graph_sub *s, int32_t n,
                         struct line **out, int32_t *n_out)
{
	struct line *ls = malloc((size_t)(s->n_links ? s->n_links : 1) * sizeof(*ls));
	int32_t m = 0;
	if (!ls)
		return GRAPH_ENOMEM;
	for (int32_t i = 0; i < s->n_links; i++) {
		if (s->la[i] >= n || s->lb[i] >= n)
			continue;
		const struct graph_link_in *l = graph_link(g, s->links[i]);
		ls[m++] = (struct line){s->la[i], s->lb[i], l->kind, 1, l->intelligence,
		                        l->start, l->end,   0,       1};
	}
	if (m)
		qsort(ls, (size_t)m, sizeof(*ls), cmp_line);
	int32_t u = 0;
	for (int32_t i = 0; i < m; i++) {
		if (u > 0 && cmp_line(&ls[u - 1], &ls[i]) == 0) {
			struct line *p = &ls[u - 1];
			p->count++;
			p->intel += ls[i].intel;
			p->first = !p->first || !ls[i].first ? 0
			           : ls[i].first < p->first  ? ls[i].first
			                                     : p->first;
			p->last = !p->last || !ls[i].last ? 0
			          : ls[i].last > p->last  ? ls[i].last
			                                  : p->last;
			continue;
		}
		ls[u++] = ls[i];
	}
	for (int32_t i = 0; i < u;) { /* slots of the kinds between one pair */
		int32_t j = i;
		while (j < u && ls[j].la == ls[i].la && ls[j].lb == ls[i].lb)
			j++;
		for (int32_t k = i; k < j; k++) {
			ls[k].slot = k - i;
			ls[k].slots = j - i;
		}
		i = j;
	}
	*out = ls;
	*n_out = u;
	return GRAPH_OK;
}

static int put_line(struct buf *b, const struct graph *g, const struct graph_sub *s,
                    const struct line *l, const double *xy)
{
	double x1 = xy[2 * l->la], y1 = xy[2 * l->la + 1];
	double x2 = xy[2 * l->lb], y2 = xy[2 * l->lb + 1];
	double dx = x2 - x1, dy = y2 - y1, len = sqrt(dx * dx + dy * dy);
	double off = (l->slot - (l->slots - 1) / 2.0) * 5.0;
	if (len > 0) {
		x1 += -dy / len * off;
		x2 += -dy / len * off;
		y1 += dx / len * off;
		y2 += dx / len * off;
	}
	char d1[LT_DATE_LEN], d2[LT_DATE_LEN];
	netsvg_date(l->first, d1);
	netsvg_date(l->last, d2);
	int rc = buf_puts(b, "<line x1=\"");
	rc |= svg_put_num(b, x1);
	rc |= buf_puts(b, "\" y1=\"");
	rc |= svg_put_num(b, y1);
	rc |= buf_puts(b, "\" x2=\"");
	rc |= svg_put_num(b, x2);
	rc |= buf_puts(b, "\" y2=\"");
	rc |= svg_put_num(b, y2);
	rc |= buf_putc(b, '"');
	rc |= put_line_style(b, l->kind);
	rc |= buf_puts(b, "><title>");
	rc |= svg_put_text(b, graph_node(g, s->nodes[l->la])->label, 0);
	rc |= buf_printf(b, " \xE2\x80\x93 %s \xE2\x80\x93 ", graph_kind_name(l->kind));
	rc |= svg_put_text(b, graph_node(g, s->nodes[l->lb])->label, 0);
	rc |= buf_printf(b, ": %d link%s", l->count, l->count == 1 ? "" : "s");
	if (l->intel == l->count)
		rc |= buf_puts(b, ", intelligence");
	else if (l->intel)
		rc |= buf_printf(b, ", %d intelligence", l->intel);
	else
		rc |= buf_puts(b, ", fact");
	if (l->first || l->last)
		rc |= buf_printf(b, ", %s to %s", l->first ? d1 : "open", l->last ? d2 : "open");
	rc |= buf_puts(b, "</title></line>\n");
	return rc ? -1 : 0;
}

int netsvg_draw(const struct graph *g, const struct graph_sub *s, const struct netsvg_opts *o,
                struct buf *out)
{
	struct netsvg_opts def = {0};
	if (!o)
		o = &def;
	const char *id = o->id ? o->id : "net";
	if (!svg_id_ok(id))
		return GRAPH_EINVAL;
	int rc = GRAPH_ENOMEM;
	int32_t n = s->n_nodes < NETSVG_MAX_NODES ? s->n_nodes : NETSVG_MAX_NODES;
	size_t before = out->len;
	bool was_failed = out->failed;
	struct line *ls = NULL;
	int32_t n_lines = 0;
	struct buf desc = BUF_INIT(4096);
	struct graph_sub part = *s; /* the drawn part: the first n nodes, their links */
	double *xy = malloc((size_t)(n ? n : 1) * 2 * sizeof(double));
	int32_t *pa = malloc((size_t)(s->n_links ? s->n_links : 1) * sizeof(int32_t));
	int32_t *pb = malloc((size_t)(s->n_links ? s->n_links : 1) * sizeof(int32_t));
	if (!xy || !pa || !pb)
		goto cleanup;
	part.n_nodes = n;
	part.n_links = 0;
	part.la = pa;
	part.lb = pb;
	for (int32_t i = 0; i < s->n_links; i++)
		if (s->la[i] < n && s->lb[i] < n) {
			pa[part.n_links] = s->la[i];
			pb[part.n_links++] = s->lb[i];
		}
	if ((rc = graph_layout(g, &part, o->seed ? o->seed : GRAPH_SEED, xy)))
		goto cleanup;
	for (int32_t i = 0; i < n; i++) {
		xy[2 * i] = AREA_X + xy[2 * i] * AREA_W;
		xy[2 * i + 1] = AREA_Y + xy[2 * i + 1] * AREA_H;
	}
	if ((rc = collect_lines(g, s, n, &ls, &n_lines)))
		goto cleanup;
	int32_t drawn_lines = n_lines < NETSVG_MAX_LINES ? n_lines : NETSVG_MAX_LINES;
	bool types[GRAPH_TYPE_COUNT] = {0}, kinds[GRAPH_KIND_COUNT] = {0};
	for (int32_t i = 0; i < n; i++)
		types[graph_node(g, s->nodes[i])->type] = true;
	for (int32_t i = 0; i < drawn_lines; i++)
		kinds[ls[i].kind] = true;

	rc = GRAPH_ELIMIT;
	int e = 0;
	if (o->desc)
		e |= buf_printf(&desc, "%s ", o->desc);
	e |= buf_printf(&desc, "%d item%s and %d link%s drawn.", n, n == 1 ? "" : "s", part.n_links,
	                part.n_links == 1 ? "" : "s");
	if (s->reachable > n)
		e |= buf_printf(&desc, " %d more within reach are not drawn.", s->reachable - n);
	if (drawn_lines < n_lines)
		e |= buf_printf(&desc, " %d lines are not drawn.", n_lines - drawn_lines);
	if (e)
		goto cleanup;
	e |= svg_open(out, NETSVG_WIDTH, NETSVG_HEIGHT, id, o->title ? o->title : "Network",
	              buf_cstr(&desc));
	e |= buf_puts(out, "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n<g>\n");
	for (int32_t i = 0; i < drawn_lines && !e; i++)
		e |= put_line(out, g, s, &ls[i], xy);
	e |= buf_puts(out, "</g>\n<g font-family=\"Arial, sans-serif\" font-size=\"12\" "
	                   "text-anchor=\"middle\">\n");
	for (int32_t i = 0; i < n && !e; i++) {
		const struct graph_node_in *v = graph_node(g, s->nodes[i]);
		double r = i == 0 ? NODE_R * 1.5 : NODE_R;
		e |= buf_puts(out, "<g><title>");
		e |= put_node_words(out, v);
		e |= buf_puts(out, "</title>");
		e |= put_shape(out, v->type, xy[2 * i], xy[2 * i + 1], r, i == 0);
		/* a label near an edge is anchored at its end nearer the middle, so that it is
		 * not cut off (about 7 px a character at 12 px) */
		size_t chars = strnlen(v->label ? v->label : "", NETSVG_LABEL_BYTES);
		double half = 3.5 * (double)chars, x = xy[2 * i];
		const char *anchor = "";
		if (x - half < 4) {
			anchor = " text-anchor=\"start\"";
			x = x - r < 4 ? 4 : x - r;
		} else if (x + half > LEGEND_X - 10) {
			anchor = " text-anchor=\"end\"";
			x = x + r > LEGEND_X - 10 ? LEGEND_X - 10 : x + r;
		}
		e |= buf_printf(out, "<text%s x=\"", anchor);
		e |= svg_put_num(out, x);
		e |= buf_puts(out, "\" y=\"");
		e |= svg_put_num(out, xy[2 * i + 1] + r + 14);
		e |= buf_puts(out, "\">");
		e |= svg_put_text(out, v->label, NETSVG_LABEL_BYTES);
		e |= buf_puts(out, "</text></g>\n");
	}
	e |= buf_puts(out, "</g>\n");
	e |= put_legend(out, types, kinds);
	e |= svg_close(out);
	if (e || out->len - before > NETSVG_MAX_BYTES)
		goto cleanup;
	rc = GRAPH_OK;
cleanup:
	if (rc) {
		buf_truncate(out, before);
		out->failed = was_failed;
	}
	buf_release(&desc);
	free(ls);
	free(xy);
	free(pa);
	free(pb);
	return rc;
}

int netsvg_table(const struct graph *g, const struct graph_sub *s, struct netsvg_table *t)
{
	memset(t, 0, sizeof(*t));
	t->nodes = calloc((size_t)(s->n_nodes ? s->n_nodes : 1), sizeof(*t->nodes));
	t->links = calloc((size_t)(s->n_links ? s->n_links : 1), sizeof(*t->links));
	if (!t->nodes || !t->links) {
		netsvg_table_release(t);
		return GRAPH_ENOMEM;
	}
	static const char *const cats[] = {"no category", "category 1", "category 2", "category 3"};
	for (int32_t i = 0; i < s->n_nodes; i++) {
		const struct graph_node_in *v = graph_node(g, s->nodes[i]);
		struct netsvg_node_row *r = &t->nodes[i];
		r->node = s->nodes[i];
		r->id = v->id;
		r->type = graph_type_name(v->type);
		r->shape = shape_names[v->type];
		r->label = v->label;
		r->category = v->type == GRAPH_CHILD ? cats[v->category & 3] : "";
		r->order = v->type == GRAPH_POC && v->has_order ? "order in force" : "";
		r->hops = s->hops[i];
	}
	for (int32_t i = 0; i < s->n_links; i++) {
		const struct graph_link_in *l = graph_link(g, s->links[i]);
		struct netsvg_link_row *r = &t->links[i];
		r->link = s->links[i];
		r->from = graph_node(g, s->nodes[s->la[i]])->label;
		r->kind = graph_kind_name(l->kind);
		r->to = graph_node(g, s->nodes[s->lb[i]])->label;
		r->line = lines[l->kind].name;
		netsvg_date(l->start, r->start);
		netsvg_date(l->end, r->end);
		r->grading = l->intelligence ? "intelligence" : "fact";
		r->restricted = l->restricted;
		t->nodes[s->la[i]].links++;
		t->nodes[s->lb[i]].links++;
	}
	t->n_nodes = s->n_nodes;
	t->n_links = s->n_links;
	return GRAPH_OK;
}

void netsvg_table_release(struct netsvg_table *t)
{
	free(t->nodes);
	free(t->links);
	memset(t, 0, sizeof(*t));
}
