// claimnet report: the computations on the report's data, apart from the
// page. Nothing here touches the document; assets/logic_test.js tests it
// in a browser (go test ./graph/report).
//
// The data is the document package report writes (data.go): actors and
// claims by index in model order, statements {a, c, s, d, src, dir, q, n}
// with s = +1 (support) or -1 (oppose) and d a "YYYY-MM-DD" date or
// absent.
"use strict";

var ClaimnetLogic = (function () {
	// inWindow reports whether a statement dated d (a "YYYY-MM-DD"
	// string, or "" or undefined when undated) is inside the window w =
	// {from, to}, as graph.Window.Contains and the --from/--to flags
	// decide: both bounds inclusive, an empty bound open, and when
	// either bound is set an undated statement is outside.
	function inWindow(d, w) {
		if (!w.from && !w.to) {
			return true;
		}
		if (!d) {
			return false;
		}
		return (!w.from || d >= w.from) && (!w.to || d <= w.to);
	}

	// dates returns the distinct statement dates, sorted.
	function dates(doc) {
		var seen = Object.create(null);
		var out = [];
		for (var i = 0; i < doc.statements.length; i++) {
			var d = doc.statements[i].d;
			if (d && !seen[d]) {
				seen[d] = true;
				out.push(d);
			}
		}
		out.sort();
		return out;
	}

	// pairKey is the key of an actor–claim pair in analyse's pairs.
	function pairKey(doc, a, c) {
		return a * doc.claims.length + c;
	}

	// analyse computes, for the statements in the window w, what the
	// page shows that depends on the window, by the definitions of
	// docs/measures.md ("Contested claims, reversals, conflicts"):
	//
	//   inWin[i]      whether statement i is in the window;
	//   pairs         Map of pairKey → {a, c, sup, opp, first, last,
	//                 stmts}: the statements of each actor on each claim
	//                 in the window (first and last: the earliest and
	//                 latest dated ones, "" when none is dated);
	//   supporters[c], opposers[c]
	//                 S(c) and O(c), actor indices in model order;
	//   contested[c]  some a ∈ S(c) and b ∈ O(c) with a ≠ b;
	//   contestation[c]
	//                 1 − |s − o|/(s + o) when contested, else 0;
	//   reversals     the pairs in S(c) ∩ O(c), by actor then claim;
	//   actorStmts[a], claimStmts[c]
	//                 statements in the window, per actor and claim.
	function analyse(doc, w) {
		var A = doc.actors.length;
		var C = doc.claims.length;
		var st = doc.statements;
		var inWin = new Uint8Array(st.length);
		var pairs = new Map();
		var actorStmts = new Int32Array(A);
		var claimStmts = new Int32Array(C);
		for (var i = 0; i < st.length; i++) {
			var s = st[i];
			if (!inWindow(s.d, w)) {
				continue;
			}
			inWin[i] = 1;
			actorStmts[s.a]++;
			claimStmts[s.c]++;
			var k = s.a * C + s.c;
			var p = pairs.get(k);
			if (!p) {
				p = {a: s.a, c: s.c, sup: 0, opp: 0, first: "", last: "", stmts: []};
				pairs.set(k, p);
			}
			if (s.s > 0) {
				p.sup++;
			} else {
				p.opp++;
			}
			p.stmts.push(i);
			if (s.d) {
				if (!p.first || s.d < p.first) {
					p.first = s.d;
				}
				if (!p.last || s.d > p.last) {
					p.last = s.d;
				}
			}
		}
		var supporters = new Array(C);
		var opposers = new Array(C);
		for (var c = 0; c < C; c++) {
			supporters[c] = [];
			opposers[c] = [];
		}
		var reversals = [];
		pairs.forEach(function (p) {
			if (p.sup > 0) {
				supporters[p.c].push(p.a);
			}
			if (p.opp > 0) {
				opposers[p.c].push(p.a);
			}
			if (p.sup > 0 && p.opp > 0) {
				reversals.push({a: p.a, c: p.c, first: p.first, last: p.last});
			}
		});
		var contested = new Uint8Array(C);
		var contestation = new Float64Array(C);
		for (c = 0; c < C; c++) {
			var S = supporters[c].sort(numeric);
			var O = opposers[c].sort(numeric);
			// Some a ∈ S and b ∈ O differ unless both are the same one actor.
			if (S.length > 0 && O.length > 0 && !(S.length === 1 && O.length === 1 && S[0] === O[0])) {
				contested[c] = 1;
				contestation[c] = 1 - Math.abs(S.length - O.length) / (S.length + O.length);
			}
		}
		reversals.sort(function (x, y) {
			return x.a - y.a || x.c - y.c;
		});
		return {
			window: w,
			inWin: inWin,
			pairs: pairs,
			supporters: supporters,
			opposers: opposers,
			contested: contested,
			contestation: contestation,
			reversals: reversals,
			actorStmts: actorStmts,
			claimStmts: claimStmts
		};
	}

	function numeric(x, y) {
		return x - y;
	}

	// visible decides what the page shows of the analysis an under the
	// filters f = {side, coalition, type, tag, topic, contestedOnly}
	// (side: an index into doc.sides or -1 for any; coalition: an index
	// into the groups, -1 for any, or -2 for actors in none; the strings
	// "" for any). An actor–claim pair is shown when it has statements in
	// the window, its actor passes the actor filters and its claim the
	// claim filters; an actor or claim is shown when one of its pairs is.
	function visible(doc, an, f) {
		var A = doc.actors.length;
		var C = doc.claims.length;
		var actorOK = new Uint8Array(A);
		for (var a = 0; a < A; a++) {
			var act = doc.actors[a];
			actorOK[a] = (f.side < 0 || act.side === f.side) &&
				(f.coalition === -1 || (f.coalition === -2 ? act.coal < 0 : act.coal === f.coalition)) &&
				(!f.type || act.type === f.type) &&
				(!f.tag || (act.tags || []).indexOf(f.tag) >= 0) ? 1 : 0;
		}
		var claimOK = new Uint8Array(C);
		for (var c = 0; c < C; c++) {
			claimOK[c] = (!f.contestedOnly || an.contested[c] === 1) &&
				(!f.topic || doc.claims[c].topic === f.topic) ? 1 : 0;
		}
		var pairs = new Set();
		var actors = new Uint8Array(A);
		var claims = new Uint8Array(C);
		var statements = 0;
		an.pairs.forEach(function (p, k) {
			if (actorOK[p.a] && claimOK[p.c]) {
				pairs.add(k);
				actors[p.a] = 1;
				claims[p.c] = 1;
				statements += p.stmts.length;
			}
		});
		return {
			pairs: pairs,
			actors: actors,
			claims: claims,
			actorCount: count(actors),
			claimCount: count(claims),
			statements: statements
		};
	}

	function count(xs) {
		var n = 0;
		for (var i = 0; i < xs.length; i++) {
			n += xs[i];
		}
		return n;
	}

	// fold lowercases s and drops its diacritics, for search.
	function fold(s) {
		return String(s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
	}

	// search finds the actors (by name, alias or id) and claims (by id or
	// text) that contain the query q, ignoring case and diacritics. Each
	// result is {kind: "actor"|"claim", index, label, via}, via naming the
	// field that matched when it is not the label. Whole matches come
	// first, then matches at the start, then the rest; actors before
	// claims; model order last. At most limit results are returned.
	function search(doc, q, limit) {
		q = fold(q).trim();
		if (!q) {
			return [];
		}
		var hits = [];
		function rank(field) {
			var f = fold(field);
			var i = f.indexOf(q);
			if (i < 0) {
				return -1;
			}
			return f === q ? 0 : i === 0 ? 1 : 2;
		}
		function consider(kind, index, label, fields) {
			var best = -1;
			var via = "";
			for (var j = 0; j < fields.length; j++) {
				var r = rank(fields[j][1]);
				if (r >= 0 && (best < 0 || r < best)) {
					best = r;
					via = fields[j][0];
				}
			}
			if (best >= 0) {
				hits.push({kind: kind, index: index, label: label, via: via, rank: best});
			}
		}
		doc.actors.forEach(function (a, i) {
			var fields = [["", a.name]];
			(a.aliases || []).forEach(function (al) {
				fields.push(["alias " + al, al]);
			});
			fields.push(["id " + a.id, a.id]);
			consider("actor", i, a.name, fields);
		});
		doc.claims.forEach(function (c, i) {
			consider("claim", i, c.text, [["", c.text], ["id " + c.id, c.id]]);
		});
		hits.sort(function (x, y) {
			return x.rank - y.rank || (x.kind === y.kind ? 0 : x.kind === "actor" ? -1 : 1) || x.index - y.index;
		});
		return hits.slice(0, limit > 0 ? limit : hits.length);
	}

	// sortRows sorts rows in place by key(row), a number or a string,
	// ascending (dir 1) or descending (dir -1); rows with equal keys keep
	// their order.
	function sortRows(rows, key, dir) {
		var keyed = rows.map(function (r, i) {
			return {r: r, k: key(r), i: i};
		});
		keyed.sort(function (x, y) {
			var c = 0;
			if (typeof x.k === "number" && typeof y.k === "number") {
				c = x.k - y.k;
			} else {
				c = String(x.k).localeCompare(String(y.k));
			}
			return c * dir || x.i - y.i;
		});
		for (var i = 0; i < rows.length; i++) {
			rows[i] = keyed[i].r;
		}
		return rows;
	}

	// formatScore shows a measure with four significant digits, 0 as 0.
	function formatScore(v) {
		if (v === 0) {
			return "0";
		}
		if (Number.isInteger(v) && Math.abs(v) < 1e9) {
			return String(v);
		}
		var a = Math.abs(v);
		if (a >= 0.001 && a < 1e6) {
			return String(Number(v.toPrecision(4)));
		}
		return v.toExponential(2);
	}

	return {
		inWindow: inWindow,
		dates: dates,
		pairKey: pairKey,
		analyse: analyse,
		visible: visible,
		fold: fold,
		search: search,
		sortRows: sortRows,
		formatScore: formatScore
	};
})();
