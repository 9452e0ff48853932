// claimnet report: the page. It reads the data (script#cn-data), finds
// the actors, claims and stance edges in the figure by the titles
// Graphviz gives them ("actor:ID", "claim:ID", "actor:ID->claim:ID"),
// and wires the search, the date range, the filters, the evidence panel,
// the tables, and pan and zoom. The computations are in logic.js
// (ClaimnetLogic). Data is only ever put in the page as text.
"use strict";

(function () {
	var L = ClaimnetLogic;
	performance.mark("cn-start");
	var doc = JSON.parse(document.getElementById("cn-data").textContent);
	var A = doc.actors.length;
	var C = doc.claims.length;
	var measureIndex = {};
	doc.measures.forEach(function (m, i) {
		measureIndex[m] = i;
	});
	var defs = {};
	doc.definitions.forEach(function (d) {
		defs[d.key] = d;
	});
	var actorByID = new Map();
	var claimByID = new Map();
	doc.actors.forEach(function (a, i) {
		actorByID.set(a.id, i);
	});
	doc.claims.forEach(function (c, i) {
		claimByID.set(c.id, i);
	});
	// Statements per actor and per claim, all of them (the window picks
	// from these), and the claims that support or attack each claim.
	var stmtsOfActor = [];
	var stmtsOfClaim = [];
	for (var i = 0; i < A; i++) {
		stmtsOfActor.push([]);
	}
	for (i = 0; i < C; i++) {
		stmtsOfClaim.push([]);
	}
	doc.statements.forEach(function (s, i) {
		stmtsOfActor[s.a].push(i);
		stmtsOfClaim[s.c].push(i);
	});
	var supportedBy = [];
	var attackedBy = [];
	for (i = 0; i < C; i++) {
		supportedBy.push([]);
		attackedBy.push([]);
	}
	doc.arguments.forEach(function (e) {
		(e.type === "supports" ? supportedBy : attackedBy)[e.to].push(e.from);
	});

	function $(id) {
		return document.getElementById(id);
	}

	// el makes an element with a class and children (strings become
	// text nodes).
	function el(tag, cls) {
		var e = document.createElement(tag);
		if (cls) {
			e.className = cls;
		}
		for (var i = 2; i < arguments.length; i++) {
			var c = arguments[i];
			if (c === null || c === undefined || c === "") {
				continue;
			}
			e.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
		}
		return e;
	}

	// ---- The figure ------------------------------------------------------

	var canvas = $("cn-figure");
	var svg = canvas.querySelector("svg");
	var actorEl = new Array(A);
	var claimEl = new Array(C);
	var nodeInfo = new Map(); // g.node → {kind, index}

	function parseNode(s) {
		var i = s.indexOf(":");
		if (i < 0) {
			return null;
		}
		var kind = s.slice(0, i);
		var id = s.slice(i + 1);
		if (kind === "actor" && actorByID.has(id)) {
			return {kind: "actor", index: actorByID.get(id)};
		}
		if (kind === "claim" && claimByID.has(id)) {
			return {kind: "claim", index: claimByID.get(id)};
		}
		return null;
	}

	svg.removeAttribute("width");
	svg.removeAttribute("height");
	svg.setAttribute("preserveAspectRatio", "xMidYMid meet");
	svg.setAttribute("role", "group");
	// Tab goes from the figure's frame to its nodes, not to the drawing.
	svg.setAttribute("tabindex", "-1");
	svg.setAttribute("aria-label", "Actors (ellipses) and claims (boxes), with support (solid, arrow) and oppose (dashed, bar) edges");
	// titleOf returns what names a node or edge: its data-id (package
	// report moves Graphviz's title there) or else its title, removed so
	// that the browser shows the figure's own tooltips.
	function titleOf(g) {
		var id = g.getAttribute("data-id");
		if (id !== null) {
			return id;
		}
		var t = g.querySelector("title");
		if (!t) {
			return "";
		}
		t.remove();
		return t.textContent;
	}
	svg.querySelectorAll("g.node").forEach(function (g) {
		var n = parseNode(titleOf(g));
		if (!n) {
			return; // the legend
		}
		nodeInfo.set(g, n);
		(n.kind === "actor" ? actorEl : claimEl)[n.index] = g;
		g.setAttribute("tabindex", "0");
		g.setAttribute("role", "button");
		g.setAttribute("aria-label", n.kind === "actor" ? doc.actors[n.index].name : "Claim: " + doc.claims[n.index].text);
	});
	// The edges: package report draws them with one path per style
	// (edges.go, edgeLayer), whose data-edges names the figure edge of
	// each subpath; doc.edges gives each figure edge's actor and claim.
	// The page draws the shown edges again in those paths (base), the
	// highlighted ones in the cn-hl group (hl) and the selected one
	// thicker (sel).
	var fedges = doc.edges || [];
	var E = fedges.length;
	var edgeOfPair = new Map(); // pairKey → figure edge
	fedges.forEach(function (p, e) {
		if (p[0] >= 0) {
			edgeOfPair.set(L.pairKey(doc, p[0], p[1]), e);
		}
	});
	var hlLayer = svg.querySelector("g.cn-hl");
	var styles = [];
	// A style's subpaths are split out of its path, and its paths for
	// the highlighted and the selected edges made, when first needed:
	// most styles of a large figure never need them.
	svg.querySelectorAll("g.cn-edges > path.cn-e").forEach(function (p) {
		var edges = p.getAttribute("data-edges").split(" ").map(Number);
		var d = p.getAttribute("d");
		styles.push({full: d, parts: null, edges: edges, base: p, baseD: d, hl: null, hlD: "", sel: null, selD: ""});
	});
	function partsOf(st) {
		if (!st.parts) {
			st.parts = st.full.split(/(?=M)/);
			if (st.parts.length !== st.edges.length) {
				throw new Error("claimnet report: the figure's edge layer has " + st.parts.length + " subpaths for " + st.edges.length + " edges");
			}
		}
		return st.parts;
	}
	function pathOf(st, k) {
		if (!st[k]) {
			var c = st.base.cloneNode(false);
			c.removeAttribute("d");
			c.removeAttribute("data-edges");
			c.setAttribute("class", "cn-e cn-" + k);
			// The selected edge's paths above every highlighted one.
			hlLayer.insertBefore(c, k === "hl" ? hlLayer.querySelector("path.cn-sel") : null);
			st[k] = c;
		}
		return st[k];
	}
	var edgeLabels = Array.prototype.map.call(svg.querySelectorAll("g.cn-elabels > text[data-e]"), function (t) {
		return {el: t, e: Number(t.getAttribute("data-e"))};
	});

	// drawEdges draws in the paths of kind k ("base", "hl" or "sel")
	// the subpaths of the figure edges e for which keep(e) holds.
	function drawEdges(k, keep) {
		styles.forEach(function (st) {
			var all = true, none = true;
			var kept = st.edges.map(function (e) {
				var x = keep(e);
				all = all && x;
				none = none && !x;
				return x;
			});
			var v = "";
			if (all) {
				v = st.full;
			} else if (!none) {
				var parts = partsOf(st);
				v = parts.filter(function (x, j) {
					return kept[j];
				}).join("");
			}
			if (st[k + "D"] !== v) {
				st[k + "D"] = v;
				if (v) {
					pathOf(st, k).setAttribute("d", v);
				} else if (st[k]) {
					st[k].removeAttribute("d");
				}
			}
		});
	}

	// edgeShown reports whether figure edge e is shown: a stance edge
	// when its actor–claim pair is, any other edge always.
	function edgeShown(e) {
		var p = fedges[e];
		return p[0] < 0 || state.vis.pairs.has(L.pairKey(doc, p[0], p[1]));
	}

	// Hit testing: each edge as polylines (its curves flattened), made
	// the first time the pointer needs them.
	var geom = null;
	function flatten(part, out) {
		var tok = part.match(/[A-Za-z]|-?[0-9.]+(?:e[-+]?[0-9]+)?/g) || [];
		var cmd = "";
		var pl = null;
		var x = 0, y = 0, x0 = 0, y0 = 0;
		for (var i = 0; i < tok.length;) {
			if (/[A-Za-z]/.test(tok[i])) {
				cmd = tok[i++];
				if (cmd === "Z" || cmd === "z") {
					if (pl) {
						pl.push(x0, y0);
					}
					continue;
				}
			}
			var n = tok.slice(i, i + (cmd === "C" ? 6 : 2)).map(Number);
			i += cmd === "C" ? 6 : 2;
			if (cmd === "M") {
				x0 = x = n[0];
				y0 = y = n[1];
				pl = [x, y];
				out.push(pl);
				cmd = "L";
			} else if (cmd === "C" && pl) {
				for (var k = 1; k <= 8; k++) {
					var t = k / 8, u = 1 - t;
					pl.push(u * u * u * x + 3 * u * u * t * n[0] + 3 * u * t * t * n[2] + t * t * t * n[4],
						u * u * u * y + 3 * u * u * t * n[1] + 3 * u * t * t * n[3] + t * t * t * n[5]);
				}
				x = n[4];
				y = n[5];
			} else if (pl) {
				x = n[0];
				y = n[1];
				pl.push(x, y);
			}
		}
	}
	function edgeGeometry() {
		geom = new Array(E);
		styles.forEach(function (st) {
			partsOf(st).forEach(function (part, j) {
				var e = st.edges[j];
				var g = geom[e] || (geom[e] = {lines: [], x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity});
				var n = g.lines.length;
				flatten(part, g.lines);
				for (; n < g.lines.length; n++) {
					var pl = g.lines[n];
					for (var i = 0; i < pl.length; i += 2) {
						g.x0 = Math.min(g.x0, pl[i]);
						g.x1 = Math.max(g.x1, pl[i]);
						g.y0 = Math.min(g.y0, pl[i + 1]);
						g.y1 = Math.max(g.y1, pl[i + 1]);
					}
				}
			});
		});
	}
	function segDist(px, py, ax, ay, bx, by) {
		var dx = bx - ax, dy = by - ay;
		var l = dx * dx + dy * dy;
		var t = l > 0 ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / l)) : 0;
		return Math.hypot(px - ax - t * dx, py - ay - t * dy);
	}
	// edgeAt returns the shown stance edge nearest the window's point
	// (cx, cy), within 6 pixels, or -1.
	function edgeAt(cx, cy) {
		// The layer's coordinates, inside Graphviz's transformed group.
		var m = E > 0 ? hlLayer.getScreenCTM() : null;
		if (!m) {
			return -1;
		}
		if (!geom) {
			edgeGeometry();
		}
		var p = new DOMPoint(cx, cy).matrixTransform(m.inverse());
		var best = -1;
		var bestD = 6 / Math.hypot(m.a, m.b);
		for (var e = 0; e < E; e++) {
			var g = geom[e];
			if (!g || fedges[e][0] < 0 || p.x < g.x0 - bestD || p.x > g.x1 + bestD || p.y < g.y0 - bestD || p.y > g.y1 + bestD || !edgeShown(e)) {
				continue;
			}
			g.lines.forEach(function (pl) {
				for (var i = 2; i < pl.length; i += 2) {
					var d = segDist(p.x, p.y, pl[i - 2], pl[i - 1], pl[i], pl[i + 1]);
					if (d < bestD) {
						bestD = d;
						best = e;
					}
				}
			});
		}
		return best;
	}
	var graphTitle = svg.querySelector("g.graph > title");
	if (graphTitle) {
		graphTitle.remove();
	}

	performance.mark("cn-figure");

	// Pan and zoom move the viewBox.
	var base = svg.viewBox.baseVal;
	var home = {x: base.x, y: base.y, w: base.width, h: base.height};
	var view = home;

	// setView shows the part v of the figure, zoomed no further in than
	// 60 times and no further out than 4 times the whole.
	function setView(v) {
		var w = Math.min(Math.max(v.w, home.w / 60), home.w * 4);
		var h = v.h * w / v.w;
		view = {x: v.x + (v.w - w) / 2, y: v.y + (v.h - h) / 2, w: w, h: h};
		svg.setAttribute("viewBox", [view.x, view.y, view.w, view.h].map(function (x) {
			return Math.round(x * 100) / 100;
		}).join(" "));
		labelScale();
	}

	// The figure's texts are not drawn while a point of the figure is
	// less than minScale pixels on the screen: its 11-point labels would
	// be under 3 pixels high, too small to read, and a large figure's
	// thousands of texts are most of what the browser lays out.
	var minScale = 0.25;
	var far = null;
	function labelScale() {
		var w = canvas.clientWidth;
		var h = canvas.clientHeight;
		if (!w || !h) {
			return;
		}
		var f = Math.min(w / view.w, h / view.h) < minScale;
		if (f !== far) {
			far = f;
			svg.classList.toggle("cn-far", f);
		}
	}
	window.addEventListener("resize", labelScale);

	setView(home);

	// toSVG maps a point of the window to the viewBox's coordinates.
	function toSVG(cx, cy) {
		var m = svg.getScreenCTM();
		if (!m) {
			return {x: view.x + view.w / 2, y: view.y + view.h / 2};
		}
		var p = new DOMPoint(cx, cy).matrixTransform(m.inverse());
		return {x: p.x, y: p.y};
	}

	function zoomAt(p, k) {
		var w = Math.min(Math.max(view.w * k, home.w / 60), home.w * 4);
		k = w / view.w;
		setView({x: p.x - (p.x - view.x) * k, y: p.y - (p.y - view.y) * k, w: view.w * k, h: view.h * k});
	}

	function zoomCentre(k) {
		zoomAt({x: view.x + view.w / 2, y: view.y + view.h / 2}, k);
	}

	function pan(fx, fy) {
		setView({x: view.x + view.w * fx, y: view.y + view.h * fy, w: view.w, h: view.h});
	}

	// reveal pans the figure so that element g is in view.
	function reveal(g) {
		var r = g.getBoundingClientRect();
		var box = canvas.getBoundingClientRect();
		if (r.width === 0 && r.height === 0) {
			return;
		}
		if (r.left >= box.left && r.right <= box.right && r.top >= box.top && r.bottom <= box.bottom) {
			return;
		}
		var c = toSVG(r.left + r.width / 2, r.top + r.height / 2);
		setView({x: c.x - view.w / 2, y: c.y - view.h / 2, w: view.w, h: view.h});
	}

	// frame zooms and pans the figure onto the elements gs, with a margin,
	// never closer than a sixth of the whole figure's width.
	function frame(gs) {
		var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
		gs.forEach(function (g) {
			var r = g.getBoundingClientRect();
			if (r.width === 0 && r.height === 0) {
				return;
			}
			var a = toSVG(r.left, r.top);
			var b = toSVG(r.right, r.bottom);
			x0 = Math.min(x0, a.x, b.x);
			y0 = Math.min(y0, a.y, b.y);
			x1 = Math.max(x1, a.x, b.x);
			y1 = Math.max(y1, a.y, b.y);
		});
		if (!(x1 > x0)) {
			return;
		}
		var box = canvas.getBoundingClientRect();
		var aspect = box.width > 0 && box.height > 0 ? box.width / box.height : home.w / home.h;
		var w = Math.max((x1 - x0) * 1.2, home.w / 6);
		var h = Math.max((y1 - y0) * 1.2, w / aspect);
		w = Math.max(w, h * aspect);
		setView({x: (x0 + x1) / 2 - w / 2, y: (y0 + y1) / 2 - h / 2, w: w, h: h});
	}

	canvas.addEventListener("wheel", function (e) {
		e.preventDefault();
		var dy = e.deltaMode === 1 ? e.deltaY * 16 : e.deltaY;
		zoomAt(toSVG(e.clientX, e.clientY), Math.exp(dy * 0.0015));
	}, {passive: false});

	// Pointers: one drags the figure, two pinch it. A press that moves
	// less than a few pixels is a click.
	var pointers = new Map();
	var dragged = false;
	var gesture = null;

	function gestureOf() {
		var ps = Array.from(pointers.values());
		if (ps.length === 1) {
			return {cx: ps[0].x, cy: ps[0].y, d: 0};
		}
		var dx = ps[1].x - ps[0].x;
		var dy = ps[1].y - ps[0].y;
		return {cx: (ps[0].x + ps[1].x) / 2, cy: (ps[0].y + ps[1].y) / 2, d: Math.hypot(dx, dy)};
	}

	canvas.addEventListener("pointerdown", function (e) {
		if (e.button !== 0 && e.pointerType === "mouse") {
			return;
		}
		pointers.set(e.pointerId, {x: e.clientX, y: e.clientY, x0: e.clientX, y0: e.clientY});
		if (pointers.size === 1) {
			dragged = false;
		}
		gesture = pointers.size <= 2 ? gestureOf() : null;
	});
	canvas.addEventListener("pointermove", function (e) {
		var p = pointers.get(e.pointerId);
		if (!p || !gesture) {
			return;
		}
		p.x = e.clientX;
		p.y = e.clientY;
		if (!dragged && Math.hypot(p.x - p.x0, p.y - p.y0) < 5 && pointers.size === 1) {
			return;
		}
		if (!dragged) {
			dragged = true;
			canvas.classList.add("cn-dragging");
			try {
				canvas.setPointerCapture(e.pointerId);
			} catch (err) {
				// The pointer may be gone already.
			}
		}
		var g = gestureOf();
		var before = toSVG(gesture.cx, gesture.cy);
		var after = toSVG(g.cx, g.cy);
		var v = {x: view.x + before.x - after.x, y: view.y + before.y - after.y, w: view.w, h: view.h};
		setView(v);
		if (pointers.size === 2 && gesture.d > 0 && g.d > 0) {
			zoomAt(toSVG(g.cx, g.cy), gesture.d / g.d);
		}
		gesture = g;
	});
	function pointerEnd(e) {
		pointers.delete(e.pointerId);
		gesture = pointers.size > 0 && pointers.size <= 2 ? gestureOf() : null;
		if (pointers.size === 0) {
			canvas.classList.remove("cn-dragging");
		}
	}
	canvas.addEventListener("pointerup", pointerEnd);
	canvas.addEventListener("pointercancel", pointerEnd);

	canvas.addEventListener("keydown", function (e) {
		if (e.target !== canvas && !nodeInfo.has(e.target)) {
			return;
		}
		var handled = true;
		switch (e.key) {
		case "ArrowLeft":
			pan(-0.1, 0);
			break;
		case "ArrowRight":
			pan(0.1, 0);
			break;
		case "ArrowUp":
			pan(0, -0.1);
			break;
		case "ArrowDown":
			pan(0, 0.1);
			break;
		case "+":
		case "=":
			zoomCentre(1 / 1.25);
			break;
		case "-":
		case "_":
			zoomCentre(1.25);
			break;
		case "0":
			setView(home);
			break;
		case "Enter":
		case " ":
			if (nodeInfo.has(e.target)) {
				var n = nodeInfo.get(e.target);
				select(n.kind, n.index, {});
			} else {
				handled = false;
			}
			break;
		default:
			handled = false;
		}
		if (handled) {
			e.preventDefault();
		}
	});
	$("cn-zoom-in").addEventListener("click", function () {
		zoomCentre(1 / 1.25);
	});
	$("cn-zoom-out").addEventListener("click", function () {
		zoomCentre(1.25);
	});
	$("cn-zoom-fit").addEventListener("click", function () {
		setView(home);
	});

	// ---- State: window, filters, selection ----------------------------

	var dates = L.dates(doc);
	var from = $("cn-from");
	var to = $("cn-to");
	var state = {
		an: null,
		vis: null,
		selection: null, // {kind: "actor"|"claim"|"edge", index, a, c}
		hover: null
	};

	function currentWindow() {
		if (dates.length === 0) {
			return {from: "", to: ""};
		}
		var f = Number(from.value);
		var t = Number(to.value);
		// At both ends the range sets no bound (undated statements stay);
		// moved, it bounds as --from/--to do.
		if (f === 0 && t === dates.length - 1) {
			return {from: "", to: ""};
		}
		return {from: dates[f], to: dates[t]};
	}

	function filters() {
		return {
			side: Number($("cn-side").value),
			coalition: Number($("cn-coalition").value),
			type: $("cn-type").value,
			tag: $("cn-tag").value,
			topic: $("cn-topic").value,
			contestedOnly: $("cn-contested").checked
		};
	}

	function option(select, value, text) {
		var o = el("option", "", text);
		o.value = String(value);
		select.appendChild(o);
	}

	doc.sides.forEach(function (s, i) {
		option($("cn-side"), i, doc.actors[s.actor].name + " (" + s.members + ")");
	});
	doc.coalitions.groups.forEach(function (g, i) {
		option($("cn-coalition"), i, "Coalition " + (i + 1) + " (" + g.length + ")");
	});
	option($("cn-coalition"), -2, "in none");
	doc.types.forEach(function (t) {
		option($("cn-type"), t, t);
	});
	doc.tags.forEach(function (t) {
		option($("cn-tag"), t, t);
	});
	doc.topics.forEach(function (t) {
		option($("cn-topic"), t, t);
	});
	[["cn-tag", doc.tags], ["cn-topic", doc.topics], ["cn-type", doc.types]].forEach(function (x) {
		if (x[1].length === 0) {
			$(x[0]).closest("label").hidden = true;
		}
	});

	if (dates.length === 0) {
		$("cn-dates").hidden = true;
	} else {
		from.max = to.max = String(dates.length - 1);
		from.value = "0";
		to.value = String(dates.length - 1);
	}

	function showDates() {
		if (dates.length === 0) {
			return;
		}
		$("cn-from-out").textContent = dates[Number(from.value)];
		$("cn-to-out").textContent = dates[Number(to.value)];
		from.setAttribute("aria-valuetext", dates[Number(from.value)]);
		to.setAttribute("aria-valuetext", dates[Number(to.value)]);
	}

	from.addEventListener("input", function () {
		if (Number(from.value) > Number(to.value)) {
			to.value = from.value;
		}
		scheduleUpdate();
	});
	to.addEventListener("input", function () {
		if (Number(to.value) < Number(from.value)) {
			from.value = to.value;
		}
		scheduleUpdate();
	});
	["cn-side", "cn-coalition", "cn-type", "cn-tag", "cn-topic", "cn-contested"].forEach(function (id) {
		$(id).addEventListener("change", update);
	});
	$("cn-reset").addEventListener("click", function () {
		from.value = "0";
		to.value = String(Math.max(dates.length - 1, 0));
		["cn-side", "cn-coalition"].forEach(function (id) {
			$(id).value = "-1";
		});
		["cn-type", "cn-tag", "cn-topic"].forEach(function (id) {
			$(id).value = "";
		});
		$("cn-contested").checked = false;
		update();
	});

	var pending = false;
	function scheduleUpdate() {
		showDates();
		if (!pending) {
			pending = true;
			requestAnimationFrame(function () {
				pending = false;
				update();
			});
		}
	}

	// update recomputes the window and the filters and shows the result.
	function update() {
		showDates();
		state.an = L.analyse(doc, currentWindow());
		state.vis = L.visible(doc, state.an, filters());
		var vis = state.vis;
		var shownNodes = 0;
		for (var a = 0; a < A; a++) {
			if (actorEl[a]) {
				actorEl[a].classList.toggle("cn-off", !vis.actors[a]);
				shownNodes += vis.actors[a];
			}
		}
		for (var c = 0; c < C; c++) {
			if (claimEl[c]) {
				claimEl[c].classList.toggle("cn-off", !vis.claims[c]);
				shownNodes += vis.claims[c];
			}
		}
		drawEdges("base", edgeShown);
		edgeLabels.forEach(function (l) {
			l.el.classList.toggle("cn-off", !edgeShown(l.e));
		});
		var count = $("cn-count");
		count.textContent = "";
		count.appendChild(el("b", "", String(vis.actorCount)));
		count.appendChild(document.createTextNode(" actors, "));
		count.appendChild(el("b", "", String(vis.claimCount)));
		count.appendChild(document.createTextNode(" claims, "));
		count.appendChild(el("b", "", String(vis.statements)));
		count.appendChild(document.createTextNode(" statements shown" + windowText(state.an.window)));
		count.dataset.actors = vis.actorCount;
		count.dataset.claims = vis.claimCount;
		count.dataset.statements = vis.statements;
		count.dataset.nodes = shownNodes;
		contestedTable.refresh();
		reversalTable.refresh();
		highlight();
		if (state.selection) {
			showSelection();
		}
	}

	function windowText(w) {
		if (w.from && w.to) {
			return ", dated " + w.from + " to " + w.to;
		}
		return "";
	}

	// ---- Highlighting ---------------------------------------------------

	var marked = [];
	function highlight() {
		marked.forEach(function (g) {
			g.classList.remove("cn-nb", "cn-sel");
		});
		marked = [];
		var hl = new Set();
		var sel = -1;
		var focus = state.hover || state.selection;
		svg.classList.toggle("cn-focus", !!focus);
		function mark(g, sel) {
			if (g) {
				g.classList.add("cn-nb");
				if (sel) {
					g.classList.add("cn-sel");
				}
				marked.push(g);
			}
		}
		function markEdge(k, isSel) {
			var e = edgeOfPair.get(k);
			if (e !== undefined) {
				hl.add(e);
				if (isSel) {
					sel = e;
				}
			}
		}
		var vis = state.vis;
		if (!focus) {
			// nothing
		} else if (focus.kind === "edge") {
			markEdge(L.pairKey(doc, focus.a, focus.c), true);
			mark(actorEl[focus.a]);
			mark(claimEl[focus.c]);
		} else if (focus.kind === "actor") {
			mark(actorEl[focus.index], true);
			state.an.pairs.forEach(function (p, k) {
				if (p.a === focus.index && vis.pairs.has(k)) {
					markEdge(k);
					mark(claimEl[p.c]);
				}
			});
		} else {
			mark(claimEl[focus.index], true);
			state.an.pairs.forEach(function (p, k) {
				if (p.c === focus.index && vis.pairs.has(k)) {
					markEdge(k);
					mark(actorEl[p.a]);
				}
			});
		}
		// The hovered node keeps the selection's outline visible too.
		if (state.hover && state.selection && state.selection.kind !== "edge") {
			var s = (state.selection.kind === "actor" ? actorEl : claimEl)[state.selection.index];
			if (s) {
				s.classList.add("cn-sel");
				marked.push(s);
			}
		}
		edgeLabels.forEach(function (l) {
			if (hl.has(l.e)) {
				mark(l.el);
			}
		});
		drawEdges("hl", function (e) {
			return hl.has(e);
		});
		drawEdges("sel", function (e) {
			return e === sel;
		});
		// The hovered edge's tooltip.
		var tip = hlLayer.querySelector("title");
		if (tip) {
			tip.remove();
		}
		if (state.hover && state.hover.kind === "edge") {
			var p = state.an.pairs.get(L.pairKey(doc, state.hover.a, state.hover.c));
			tip = document.createElementNS(svg.namespaceURI, "title");
			tip.textContent = doc.actors[state.hover.a].name + " on " + doc.claims[state.hover.c].id + ": " +
				(p ? p.sup + " supporting, " + p.opp + " opposing statements" : "no statement in the date range");
			hlLayer.appendChild(tip);
		}
	}

	function hoverOn(n) {
		state.hover = n;
		highlight();
	}
	// One listener of each kind for the whole figure: a node is found
	// from the event's target, an edge from the pointer's position.
	function itemOf(target) {
		var g = target && target.closest ? target.closest("g.node") : null;
		var n = g ? nodeInfo.get(g) : null;
		return n ? {g: g, kind: n.kind, index: n.index} : null;
	}
	function edgeItem(cx, cy) {
		var e = edgeAt(cx, cy);
		return e < 0 ? null : {kind: "edge", e: e, a: fedges[e][0], c: fedges[e][1]};
	}
	svg.addEventListener("pointerover", function (e) {
		var it = itemOf(e.target);
		// The node's tooltip (package report keeps it in data-tip).
		var tip = it ? it.g.getAttribute("data-tip") : null;
		if (tip !== null) {
			var title = document.createElementNS(svg.namespaceURI, "title");
			title.textContent = tip;
			it.g.insertBefore(title, it.g.firstChild);
			it.g.removeAttribute("data-tip");
		}
		if (it && (!state.hover || state.hover.g !== it.g)) {
			hoverOn(it);
		}
	});
	svg.addEventListener("pointerout", function (e) {
		var it = itemOf(e.target);
		if (it && (!e.relatedTarget || !it.g.contains(e.relatedTarget))) {
			hoverOn(null);
		}
	});
	// Over no node, the edge under the pointer, looked for once a frame.
	var moved = null;
	svg.addEventListener("pointermove", function (e) {
		if (pointers.size > 0 || itemOf(e.target)) {
			return;
		}
		if (moved === null) {
			requestAnimationFrame(function () {
				var it = edgeItem(moved.x, moved.y);
				moved = null;
				canvas.classList.toggle("cn-over-edge", !!it);
				var h = state.hover;
				if (it ? !h || h.kind !== "edge" || h.e !== it.e : h && h.kind === "edge") {
					hoverOn(it);
				}
			});
		}
		moved = {x: e.clientX, y: e.clientY};
	});
	svg.addEventListener("pointerleave", function () {
		canvas.classList.remove("cn-over-edge");
		if (state.hover && state.hover.kind === "edge") {
			hoverOn(null);
		}
	});
	svg.addEventListener("focusin", function (e) {
		var it = itemOf(e.target);
		if (it) {
			reveal(it.g);
			hoverOn(it);
		}
	});
	svg.addEventListener("focusout", function () {
		hoverOn(null);
	});
	canvas.addEventListener("click", function (e) {
		if (dragged) {
			return;
		}
		var it = itemOf(e.target) || edgeItem(e.clientX, e.clientY);
		if (!it) {
			if (state.selection) {
				clearSelection();
			}
		} else if (it.kind === "edge") {
			selectEdge(it.a, it.c, {});
		} else {
			select(it.kind, it.index, {});
		}
	});
	document.addEventListener("keydown", function (e) {
		if (e.key === "/" && document.activeElement !== q && !/^(INPUT|SELECT|TEXTAREA)$/.test(document.activeElement.tagName)) {
			e.preventDefault();
			q.focus();
			q.select();
		} else if (e.key === "Escape" && document.activeElement !== q) {
			clearSelection();
		}
	});

	// ---- The evidence panel ---------------------------------------------

	var panel = $("cn-panel");
	var help = panel.firstElementChild;

	// select shows the evidence of an actor or claim and highlights its
	// neighbourhood; how.frame also brings the neighbourhood into view
	// (when the selection comes from outside the figure), how.focus moves
	// the keyboard focus to the evidence.
	function select(kind, index, how) {
		state.selection = {kind: kind, index: index};
		showSelection();
		highlight();
		var g = (kind === "actor" ? actorEl : claimEl)[index];
		if (how.frame && g && !g.classList.contains("cn-off")) {
			frame(marked.filter(function (m) {
				return nodeInfo.has(m);
			}));
		}
		if (how.focus) {
			panel.focus({preventScroll: true});
		}
	}

	function selectEdge(a, c, how) {
		state.selection = {kind: "edge", a: a, c: c};
		showSelection();
		highlight();
		if (how.frame) {
			frame([actorEl[a], claimEl[c]].filter(function (g) {
				return g && !g.classList.contains("cn-off");
			}));
		}
	}

	function clearSelection() {
		state.selection = null;
		delete panel.dataset.selected;
		panel.textContent = "";
		panel.appendChild(help);
		highlight();
	}

	function showSelection() {
		var s = state.selection;
		panel.textContent = "";
		if (s.kind === "actor") {
			panel.appendChild(actorView(s.index));
		} else if (s.kind === "claim") {
			panel.appendChild(claimView(s.index));
		} else {
			panel.appendChild(edgeView(s.a, s.c));
		}
		panel.scrollTop = 0;
		panel.dataset.selected = s.kind === "edge" ? "edge:" + doc.actors[s.a].id + "->" + doc.claims[s.c].id
			: s.kind + ":" + (s.kind === "actor" ? doc.actors : doc.claims)[s.index].id;
	}

	// Links to actors, claims and edges are buttons whose data-sel names
	// what they select ("actor 3", "claim 5", "edge 3 5"); one listener
	// serves them all.
	function link(text, sel) {
		var b = el("button", "cn-link", text);
		b.type = "button";
		b.dataset.sel = sel;
		return b;
	}

	function actorLink(a) {
		return link(doc.actors[a].name, "actor " + a);
	}

	function claimLink(c) {
		return link(doc.claims[c].text, "claim " + c);
	}

	document.addEventListener("click", function (e) {
		var b = e.target.closest ? e.target.closest("button.cn-link[data-sel]") : null;
		if (!b) {
			return;
		}
		var f = b.dataset.sel.split(" ");
		if (f[0] === "edge") {
			selectEdge(Number(f[1]), Number(f[2]), {frame: true});
		} else {
			select(f[0], Number(f[1]), {frame: true, focus: true});
		}
	});

	function defLink(key, text) {
		var d = defs[key];
		var a = el("a", "", text || (d ? d.name : key));
		a.href = "#def-" + key;
		if (d) {
			a.title = d.text;
		}
		return a;
	}

	function swatch(a) {
		var s = el("span", "cn-swatch");
		s.style.background = doc.actors[a].fill;
		s.setAttribute("aria-hidden", "true");
		return s;
	}

	function contestedBadge(c) {
		if (!state.an.contested[c]) {
			return null;
		}
		var b = el("span", "cn-badge", "contested ", state.an.contestation[c].toFixed(2));
		b.title = "contestation in the date range";
		return b;
	}

	// statementItem shows one statement: its stance, the verbatim quote,
	// its source, and whether it is direct speech.
	function statementItem(i, who) {
		var s = doc.statements[i];
		var src = doc.sources[s.src];
		var li = el("li", "cn-stmt " + (s.s > 0 ? "cn-support" : "cn-oppose"));
		li.appendChild(el("span", "cn-stance", s.s > 0 ? "▲ supports" : "▼ opposes"));
		if (who !== undefined) {
			li.appendChild(document.createTextNode(" "));
			li.appendChild(actorLink(who));
		}
		li.appendChild(el("span", "cn-speech", s.dir ? "direct speech" : "reported speech"));
		li.appendChild(el("blockquote", "cn-quote", s.q));
		var parts = [];
		if (src.outlet) {
			parts.push(src.outlet);
		}
		if (src.author) {
			parts.push(src.author);
		}
		parts.push(s.d ? s.d : "undated");
		var source = el("div", "cn-source", el("cite", "", src.title || src.id), " — " + parts.join(", "));
		li.appendChild(source);
		if (s.n) {
			li.appendChild(el("div", "cn-note", "Note: " + s.n));
		}
		return li;
	}

	// inWindow lists the statements among is that are in the date range.
	function inRange(is) {
		return is.filter(function (i) {
			return state.an.inWin[i] === 1;
		});
	}

	function outsideNote(total, shown) {
		if (total === shown) {
			return null;
		}
		var n = total - shown;
		return el("p", "cn-note", n + (n === 1 ? " statement is" : " statements are") + " outside the date range.");
	}

	function scores(row, measures) {
		var dl = el("dl", "cn-scores");
		measures.forEach(function (m) {
			dl.appendChild(el("dt", "", defLink(m)));
			dl.appendChild(el("dd", "", L.formatScore(row.cent[measureIndex[m]])));
		});
		return dl;
	}

	function actorView(a) {
		var act = doc.actors[a];
		var box = el("div", "cn-view");
		box.dataset.kind = "actor";
		box.appendChild(el("p", "cn-kindlabel", "Actor"));
		box.appendChild(el("h2", "", swatch(a), act.name));
		var meta = el("p", "cn-meta");
		[act.type, act.role].forEach(function (x) {
			if (x) {
				meta.appendChild(el("span", "", x));
			}
		});
		var side = doc.sides[act.side];
		if (side && side.actor !== a) {
			meta.appendChild(el("span", "", "side: ", actorLink(side.actor)));
		}
		if (act.aff >= 0 && (!side || act.aff !== side.actor)) {
			meta.appendChild(el("span", "", "member of ", actorLink(act.aff)));
		}
		meta.appendChild(el("span", "", act.coal >= 0 ? defLink("coalition", "coalition " + (act.coal + 1)) : "in no coalition"));
		box.appendChild(meta);
		if (act.aliases && act.aliases.length) {
			box.appendChild(el("p", "cn-meta", "Also: " + act.aliases.join(", ")));
		}
		if (act.tags && act.tags.length) {
			box.appendChild(el("p", "cn-meta", "Tags: " + act.tags.join(", ")));
		}
		box.appendChild(scores(act, ["degree", "betweenness", "harmonic", "pagerank", "eigenvector", "hub"]));
		var all = stmtsOfActor[a];
		var shown = inRange(all);
		box.appendChild(el("h3", "", "Statements (" + shown.length + ")"));
		var note = outsideNote(all.length, shown.length);
		if (note) {
			box.appendChild(note);
		}
		// Grouped by claim, claims in the order of their first statement.
		var groups = new Map();
		shown.forEach(function (i) {
			var c = doc.statements[i].c;
			if (!groups.has(c)) {
				groups.set(c, []);
			}
			groups.get(c).push(i);
		});
		groups.forEach(function (is, c) {
			var g = el("section", "cn-group" + (state.an.contested[c] ? " cn-contested" : ""));
			g.appendChild(el("h3", "", claimLink(c), contestedBadge(c)));
			var ul = el("ul", "cn-stmts");
			is.forEach(function (i) {
				ul.appendChild(statementItem(i));
			});
			g.appendChild(ul);
			box.appendChild(g);
		});
		return box;
	}

	function claimView(c) {
		var cl = doc.claims[c];
		var an = state.an;
		var box = el("div", "cn-view");
		box.dataset.kind = "claim";
		box.appendChild(el("p", "cn-kindlabel", "Claim"));
		box.appendChild(el("h2", "", cl.text));
		var meta = el("p", "cn-meta", el("span", "", cl.id));
		if (cl.topic) {
			meta.appendChild(el("span", "", "topic: " + cl.topic));
		}
		meta.appendChild(el("span", "", defLink("supporters", an.supporters[c].length + " supporting")));
		meta.appendChild(el("span", "", an.opposers[c].length + " opposing"));
		if (an.contested[c]) {
			meta.appendChild(el("span", "", defLink("contested", "contested"), ", ", defLink("contestation", "contestation"), " " + an.contestation[c].toFixed(2)));
		}
		box.appendChild(meta);
		if (cl.about && cl.about.length) {
			var about = el("p", "cn-meta", "About: ");
			cl.about.forEach(function (a, i) {
				if (i > 0) {
					about.appendChild(document.createTextNode(", "));
				}
				about.appendChild(actorLink(a));
			});
			box.appendChild(about);
		}
		box.appendChild(scores(cl, ["degree", "betweenness", "harmonic", "pagerank", "eigenvector", "authority"]));
		var args = [
			["Supports", cl.supports || []],
			["Attacks", cl.attacks || []],
			["Supported by", supportedBy[c]],
			["Attacked by", attackedBy[c]]
		];
		args.forEach(function (x) {
			if (x[1].length === 0) {
				return;
			}
			box.appendChild(el("h3", "", x[0]));
			var ul = el("ul", "cn-args");
			x[1].forEach(function (o) {
				ul.appendChild(el("li", "", claimLink(o)));
			});
			box.appendChild(ul);
		});
		var all = stmtsOfClaim[c];
		var shown = inRange(all);
		var note = outsideNote(all.length, shown.length);
		[["Supporters", an.supporters[c], 1], ["Opposers", an.opposers[c], -1]].forEach(function (x) {
			box.appendChild(el("h3", "", x[0] + " (" + x[1].length + ")"));
			x[1].forEach(function (a) {
				var g = el("section", "cn-group");
				g.appendChild(el("h3", "", swatch(a), actorLink(a)));
				var ul = el("ul", "cn-stmts");
				shown.forEach(function (i) {
					var s = doc.statements[i];
					if (s.a === a && s.s === x[2]) {
						ul.appendChild(statementItem(i));
					}
				});
				g.appendChild(ul);
				box.appendChild(g);
			});
		});
		if (note) {
			box.appendChild(note);
		}
		return box;
	}

	function edgeView(a, c) {
		var box = el("div", "cn-view");
		box.dataset.kind = "edge";
		box.appendChild(el("p", "cn-kindlabel", "Edge"));
		box.appendChild(el("h2", "", swatch(a), actorLink(a), " on"));
		box.appendChild(el("p", "", claimLink(c), contestedBadge(c)));
		var all = stmtsOfActor[a].filter(function (i) {
			return doc.statements[i].c === c;
		});
		var shown = inRange(all);
		var p = state.an.pairs.get(L.pairKey(doc, a, c));
		if (p && p.sup > 0 && p.opp > 0) {
			box.appendChild(el("p", "cn-meta", defLink("reversal", "Reversal"), ": both stances, " + p.first + " to " + p.last));
		}
		box.appendChild(el("h3", "", "Statements (" + shown.length + ")"));
		var note = outsideNote(all.length, shown.length);
		if (note) {
			box.appendChild(note);
		}
		var ul = el("ul", "cn-stmts");
		shown.forEach(function (i) {
			ul.appendChild(statementItem(i));
		});
		box.appendChild(ul);
		return box;
	}

	// ---- Search ---------------------------------------------------------

	var q = $("cn-q");
	var results = $("cn-results");
	var hits = [];
	var active = -1;

	function showResults() {
		hits = L.search(doc, q.value, 30);
		results.textContent = "";
		active = hits.length > 0 ? 0 : -1;
		hits.forEach(function (h, i) {
			var li = el("li", "", el("span", "cn-kind", h.kind), h.label, h.via ? el("span", "cn-via", h.via) : null);
			li.id = "cn-r" + i;
			li.setAttribute("role", "option");
			li.setAttribute("aria-selected", i === active ? "true" : "false");
			li.addEventListener("mousedown", function (e) {
				e.preventDefault();
				choose(i);
			});
			results.appendChild(li);
		});
		if (q.value.trim() && hits.length === 0) {
			var li = el("li", "", "Nothing matches.");
			li.setAttribute("aria-disabled", "true");
			results.appendChild(li);
		}
		var open = q.value.trim() !== "";
		results.hidden = !open;
		q.setAttribute("aria-expanded", open ? "true" : "false");
		setActive(active);
	}

	function setActive(i) {
		active = i;
		Array.prototype.forEach.call(results.children, function (li, j) {
			li.setAttribute("aria-selected", j === i ? "true" : "false");
		});
		if (i >= 0 && results.children[i]) {
			q.setAttribute("aria-activedescendant", "cn-r" + i);
			results.children[i].scrollIntoView({block: "nearest"});
		} else {
			q.removeAttribute("aria-activedescendant");
		}
	}

	function choose(i) {
		var h = hits[i];
		if (!h) {
			return;
		}
		results.hidden = true;
		q.setAttribute("aria-expanded", "false");
		select(h.kind, h.index, {frame: true});
	}

	q.addEventListener("input", showResults);
	q.addEventListener("focus", function () {
		if (q.value.trim()) {
			showResults();
		}
	});
	q.addEventListener("blur", function () {
		results.hidden = true;
		q.setAttribute("aria-expanded", "false");
	});
	q.addEventListener("keydown", function (e) {
		if (e.key === "ArrowDown") {
			e.preventDefault();
			setActive(Math.min(active + 1, hits.length - 1));
		} else if (e.key === "ArrowUp") {
			e.preventDefault();
			setActive(Math.max(active - 1, 0));
		} else if (e.key === "Enter") {
			e.preventDefault();
			choose(active);
		} else if (e.key === "Escape") {
			if (q.value) {
				q.value = "";
				showResults();
			} else {
				clearSelection();
			}
		}
	});

	// ---- Tables ---------------------------------------------------------

	// table makes a sortable table in container: columns are {label, key
	// (row → number or string), cell (row → node or string), num, def};
	// rows() gives the rows. Sorting is by a header's button; aria-sort
	// says which column sorts the table.
	// A table's rows are made when its tab is open, so that a large
	// dataset's hidden tables cost nothing until they are read.
	var tables = new Map(); // tab panel id → table
	function table(container, intro, columns, rows, sortCol, sortDir) {
		// At first a table shows its first rows only; a button shows all.
		var t = {col: sortCol, dir: sortDir, dirty: true, limit: 250};
		tables.set(container.id, t);
		var p = el("p", "");
		container.appendChild(p);
		var tab = el("table", "");
		var thead = el("thead", "");
		var hr = el("tr", "");
		var ths = columns.map(function (col, j) {
			var th = el("th", col.num ? "cn-num" : "");
			th.setAttribute("scope", "col");
			var b = el("button", "", col.label);
			b.type = "button";
			b.addEventListener("click", function () {
				t.dir = t.col === j ? -t.dir : (col.num ? -1 : 1);
				t.col = j;
				t.refresh();
			});
			th.appendChild(b);
			if (col.def) {
				var d = defLink(col.def, "ⓘ");
				d.className = "cn-def";
				d.setAttribute("aria-label", "definition of " + (defs[col.def] ? defs[col.def].name : col.def));
				th.appendChild(d);
			}
			hr.appendChild(th);
			return th;
		});
		thead.appendChild(hr);
		tab.appendChild(thead);
		var tbody = el("tbody", "");
		tab.appendChild(tbody);
		container.appendChild(tab);
		t.refresh = function () {
			if (container.hidden) {
				t.dirty = true;
				return;
			}
			t.dirty = false;
			var rs = L.sortRows(rows(), columns[t.col].key, t.dir);
			p.textContent = typeof intro === "function" ? intro(rs) : intro;
			ths.forEach(function (th, j) {
				if (j === t.col) {
					th.setAttribute("aria-sort", t.dir > 0 ? "ascending" : "descending");
				} else {
					th.removeAttribute("aria-sort");
				}
			});
			var frag = document.createDocumentFragment();
			rs.slice(0, t.limit).forEach(function (r) {
				var tr = el("tr", "");
				columns.forEach(function (col) {
					var v = col.cell ? col.cell(r) : col.key(r);
					tr.appendChild(el("td", col.num ? "cn-num" : "", typeof v === "number" ? L.formatScore(v) : v));
				});
				frag.appendChild(tr);
			});
			if (rs.length > t.limit) {
				var more = el("button", "cn-more", "Show all " + rs.length + " rows");
				more.type = "button";
				more.addEventListener("click", function () {
					t.limit = Infinity;
					t.refresh();
				});
				var td = el("td", "", more);
				td.colSpan = columns.length;
				frag.appendChild(el("tr", "", td));
			}
			tbody.textContent = "";
			tbody.appendChild(frag);
		};
		return t;
	}

	function nameCell(a) {
		var s = el("span", "", swatch(a), actorLink(a));
		return s;
	}

	function centralityColumns(kind, measures) {
		return measures.map(function (m) {
			return {
				label: defs[m] ? defs[m].name : m,
				num: true,
				def: m,
				key: function (i) {
					return (kind === "actor" ? doc.actors : doc.claims)[i].cent[measureIndex[m]];
				}
			};
		});
	}

	var activeActors = [];
	var activeClaims = [];
	for (i = 0; i < A; i++) {
		if (stmtsOfActor[i].length > 0) {
			activeActors.push(i);
		}
	}
	for (i = 0; i < C; i++) {
		if (stmtsOfClaim[i].length > 0) {
			activeClaims.push(i);
		}
	}
	var scope = "over every statement of the report" + (doc.window.from || doc.window.to ? " (dated " + (doc.window.from || "…") + " to " + (doc.window.to || "…") + ")" : "") + ", whatever the date range";

	table($("cn-t-actors"), "Centralities of the " + activeActors.length + " actors with statements, " + scope + ". Sort by any column.",
		[{label: "Actor", key: function (a) {
			return doc.actors[a].name;
		}, cell: nameCell},
		{label: "Side", key: function (a) {
			return doc.actors[doc.sides[doc.actors[a].side].actor].name;
		}},
		{label: "Coalition", num: true, def: "coalition", key: function (a) {
			return doc.actors[a].coal >= 0 ? doc.actors[a].coal + 1 : 0;
		}, cell: function (a) {
			return doc.actors[a].coal >= 0 ? String(doc.actors[a].coal + 1) : "–";
		}}].concat(centralityColumns("actor", ["degree", "betweenness", "harmonic", "pagerank", "eigenvector", "hub"])),
		function () {
			return activeActors.slice();
		}, 3, -1);

	table($("cn-t-claims"), "Centralities of the " + activeClaims.length + " claims with statements, " + scope + ".",
		[{label: "Claim", key: function (c) {
			return doc.claims[c].text;
		}, cell: claimLink}].concat(centralityColumns("claim", ["degree", "betweenness", "harmonic", "pagerank", "eigenvector", "authority"])),
		function () {
			return activeClaims.slice();
		}, 1, -1);

	var contestedTable = table($("cn-t-contested"), function (rs) {
		return rs.length + " contested claims among the statements in the date range, most evenly split first.";
	}, [{label: "Claim", key: function (c) {
		return doc.claims[c].text;
	}, cell: claimLink},
	{label: "Supporters", num: true, def: "supporters", key: function (c) {
		return state.an.supporters[c].length;
	}},
	{label: "Opposers", num: true, def: "supporters", key: function (c) {
		return state.an.opposers[c].length;
	}},
	{label: "Contestation", num: true, def: "contestation", key: function (c) {
		return state.an.contestation[c];
	}, cell: function (c) {
		return state.an.contestation[c].toFixed(3);
	}}], function () {
		var out = [];
		for (var c = 0; c < C; c++) {
			if (state.an.contested[c]) {
				out.push(c);
			}
		}
		return out;
	}, 3, -1);

	var reversalTable = table($("cn-t-reversals"), function (rs) {
		return rs.length + " reversals among the statements in the date range: actors that both supported and opposed a claim.";
	}, [{label: "Actor", key: function (r) {
		return doc.actors[r.a].name;
	}, cell: function (r) {
		return nameCell(r.a);
	}},
	{label: "Claim", key: function (r) {
		return doc.claims[r.c].text;
	}, cell: function (r) {
		return claimLink(r.c);
	}},
	{label: "First", key: function (r) {
		return r.first;
	}},
	{label: "Last", key: function (r) {
		return r.last;
	}},
	{label: "Evidence", key: function (r) {
		return 0;
	}, cell: function (r) {
		return link("statements", "edge " + r.a + " " + r.c);
	}}], function () {
		return state.an.reversals.slice();
	}, 0, 1);

	performance.mark("cn-tables");

	// The coalitions' table is made once, when its tab is first open.
	tables.set("cn-t-coalitions", {dirty: true, refresh: function coalitions() {
		this.dirty = false;
		var box = $("cn-t-coalitions");
		var co = doc.coalitions;
		var p = el("p", "", defLink("coalition", "Coalitions"), " of the ", defLink("congruence", "congruence network"), " " + scope + ": ",
			defLink("modularity", "modularity Q"), " = " + L.formatScore(co.modularity) + ", ",
			defLink("polarization", "polarization P"), " = " + L.formatScore(co.polarization) + ", resolution γ = " + co.resolution + ".");
		box.appendChild(p);
		var tab = el("table", "");
		var hr = el("tr", "", el("th", "cn-num", "#"), el("th", "cn-num", "Members"), el("th", "", "Actors"));
		Array.prototype.forEach.call(hr.children, function (th) {
			th.setAttribute("scope", "col");
		});
		tab.appendChild(el("thead", "", hr));
		var tb = el("tbody", "");
		co.groups.forEach(function (g, i) {
			var names = el("td", "");
			g.forEach(function (a, j) {
				if (j > 0) {
					names.appendChild(document.createTextNode(", "));
				}
				names.appendChild(actorLink(a));
			});
			tb.appendChild(el("tr", "", el("td", "cn-num", String(i + 1)), el("td", "cn-num", String(g.length)), names));
		});
		tab.appendChild(tb);
		box.appendChild(tab);
	}});

	// Tabs: arrow keys move between them.
	var tabs = Array.prototype.slice.call(document.querySelectorAll(".cn-tabs [role=tab]"));
	function openTab(t, focus) {
		tabs.forEach(function (x) {
			var on = x === t;
			x.setAttribute("aria-selected", on ? "true" : "false");
			x.tabIndex = on ? 0 : -1;
			$(x.getAttribute("aria-controls")).hidden = !on;
		});
		var tab = tables.get(t.getAttribute("aria-controls"));
		if (tab && tab.dirty) {
			tab.refresh();
		}
		if (focus) {
			t.focus();
		}
	}
	tabs.forEach(function (t, i) {
		t.addEventListener("click", function () {
			openTab(t, false);
		});
		t.addEventListener("keydown", function (e) {
			var j = e.key === "ArrowRight" ? i + 1 : e.key === "ArrowLeft" ? i - 1 : e.key === "Home" ? 0 : e.key === "End" ? tabs.length - 1 : -2;
			if (j !== -2) {
				e.preventDefault();
				openTab(tabs[(j + tabs.length) % tabs.length], true);
			}
		});
	});

	update();
	performance.mark("cn-update");

	// The open tab's table is made after the first frame, which shows
	// the figure: when the tables come near the view, or when the page
	// is first idle, whichever is first.
	function fillOpenTable() {
		var t = tabs.find(function (x) {
			return x.getAttribute("aria-selected") === "true";
		});
		var tab = t ? tables.get(t.getAttribute("aria-controls")) : null;
		if (tab && tab.dirty) {
			tab.refresh();
		}
		if (!window.claimnetReport.idleMs) {
			window.claimnetReport.idleMs = performance.now();
		}
	}
	if (window.IntersectionObserver) {
		var near = new IntersectionObserver(function (es) {
			if (es.some(function (e) {
				return e.isIntersecting;
			})) {
				near.disconnect();
				fillOpenTable();
			}
		}, {rootMargin: "50%"});
		near.observe(document.querySelector(".cn-tables"));
	}
	(window.requestIdleCallback || function (f) {
		return setTimeout(f, 200);
	})(fillOpenTable, {timeout: 3000});
	// What the browser tests read.
	window.claimnetReport = {
		// Milliseconds from the navigation to the page being ready, and
		// to the end of its first frame drawn after that.
		readyMs: performance.now(),
		paintedMs: 0,
		// and to the end of the work left for after the first frame
		// (the open tab's table).
		idleMs: 0,
		doc: doc,
		state: state,
		select: function (kind, id) {
			var i = (kind === "actor" ? actorByID : claimByID).get(id);
			if (i !== undefined) {
				select(kind, i, {frame: true});
			}
		},
		// The figure edge of each subpath of a path of the edge layer.
		edgesOf: function (path) {
			var st = styles.find(function (x) {
				return x.base === path;
			});
			return st ? st.edges.slice() : [];
		}
	};
	document.body.dataset.ready = "1";
	requestAnimationFrame(function () {
		setTimeout(function () {
			window.claimnetReport.paintedMs = performance.now();
		}, 0);
	});
})();
