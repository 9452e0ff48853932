// Tests of logic.js. TestLogicJS (browser_test.go) loads logic.js and
// this file in headless chromium and reads the failures that
// runClaimnetLogicTests returns; each is "test name: what went wrong".
"use strict";

function runClaimnetLogicTests() {
	var L = ClaimnetLogic;
	var failures = [];
	function eq(name, got, want) {
		var g = JSON.stringify(got);
		var w = JSON.stringify(want);
		if (g !== w) {
			failures.push(name + ": got " + g + ", want " + w);
		}
	}

	// A small dataset: actors x, y, z; claims p, q, r.
	//   x supports p on 10-01 and opposes it on 10-05 (a reversal);
	//   y opposes p on 10-03;
	//   z supports q, undated;
	//   y supports r on 10-05 and z opposes r on 10-07.
	var doc = {
		actors: [
			{id: "x", name: "Xavier Ortiz", aliases: ["The Minister"], side: 0, coal: 0, type: "person", tags: ["mediator"]},
			{id: "y", name: "Yusuf", side: 1, coal: 0, type: "group"},
			{id: "z", name: "Zoë Müller", side: 1, coal: -1, type: "person"}
		],
		claims: [
			{id: "p", text: "Peace is near", topic: "peace"},
			{id: "q", text: "Quiet borders", topic: "border"},
			{id: "r", text: "Roads reopen", topic: "border"}
		],
		statements: [
			{a: 0, c: 0, s: 1, d: "2025-10-01"},
			{a: 0, c: 0, s: -1, d: "2025-10-05"},
			{a: 1, c: 0, s: -1, d: "2025-10-03"},
			{a: 2, c: 1, s: 1},
			{a: 1, c: 2, s: 1, d: "2025-10-05"},
			{a: 2, c: 2, s: -1, d: "2025-10-07"}
		]
	};

	// inWindow: graph.Window.Contains.
	[
		["open window, undated", "", {from: "", to: ""}, true],
		["open window, dated", "2025-10-01", {from: "", to: ""}, true],
		["from bound, undated", "", {from: "2025-10-01", to: ""}, false],
		["to bound, undated", undefined, {from: "", to: "2025-10-01"}, false],
		["on the from day", "2025-10-01", {from: "2025-10-01", to: "2025-10-02"}, true],
		["on the to day", "2025-10-02", {from: "2025-10-01", to: "2025-10-02"}, true],
		["before", "2025-09-30", {from: "2025-10-01", to: ""}, false],
		["after", "2025-10-03", {from: "", to: "2025-10-02"}, false]
	].forEach(function (tc) {
		eq("inWindow " + tc[0], L.inWindow(tc[1], tc[2]), tc[3]);
	});

	eq("dates", L.dates(doc), ["2025-10-01", "2025-10-03", "2025-10-05", "2025-10-07"]);

	// analyse, the whole period.
	var an = L.analyse(doc, {from: "", to: ""});
	eq("supporters", an.supporters, [[0], [2], [1]]);
	eq("opposers", an.opposers, [[0, 1], [], [2]]);
	eq("contested", Array.from(an.contested), [1, 0, 1]);
	// p: s = 1, o = 2: 1 − 1/3; r: 1 for 1.
	eq("contestation", Array.from(an.contestation), [1 - 1 / 3, 0, 1]);
	eq("reversals", an.reversals, [{a: 0, c: 0, first: "2025-10-01", last: "2025-10-05"}]);
	eq("statements in the window", Array.from(an.inWin), [1, 1, 1, 1, 1, 1]);
	eq("statements per actor", Array.from(an.actorStmts), [2, 2, 2]);

	// A window: the undated statement goes, and so does x's support of
	// p, so x is no reversal and p, with opposers only, is not contested.
	an = L.analyse(doc, {from: "2025-10-02", to: "2025-10-05"});
	eq("window: in", Array.from(an.inWin), [0, 1, 1, 0, 1, 0]);
	eq("window: contested", Array.from(an.contested), [0, 0, 0]);
	eq("window: reversals", an.reversals, []);
	eq("window: opposers of p", an.opposers[0], [0, 1]);

	// One actor alone holding both stances does not make a claim contested.
	var solo = {actors: doc.actors, claims: doc.claims, statements: [doc.statements[0], doc.statements[1]]};
	an = L.analyse(solo, {from: "", to: ""});
	eq("solo reversal: contested", an.contested[0], 0);
	eq("solo reversal: reversals", an.reversals.length, 1);

	// visible: filters.
	an = L.analyse(doc, {from: "", to: ""});
	var any = {side: -1, coalition: -1, type: "", tag: "", topic: "", contestedOnly: false};
	var v = L.visible(doc, an, any);
	eq("visible: all", [v.actorCount, v.claimCount, v.statements], [3, 3, 6]);
	v = L.visible(doc, an, Object.assign({}, any, {contestedOnly: true}));
	eq("visible: contested only", [Array.from(v.claims), Array.from(v.actors), v.statements], [[1, 0, 1], [1, 1, 1], 5]);
	v = L.visible(doc, an, Object.assign({}, any, {side: 1}));
	eq("visible: side", Array.from(v.actors), [0, 1, 1]);
	v = L.visible(doc, an, Object.assign({}, any, {coalition: -2}));
	eq("visible: in no coalition", [Array.from(v.actors), Array.from(v.claims)], [[0, 0, 1], [0, 1, 1]]);
	v = L.visible(doc, an, Object.assign({}, any, {tag: "mediator", topic: "peace"}));
	eq("visible: tag and topic", [Array.from(v.actors), Array.from(v.claims)], [[1, 0, 0], [1, 0, 0]]);
	v = L.visible(doc, an, Object.assign({}, any, {type: "group"}));
	eq("visible: type", Array.from(v.actors), [0, 1, 0]);

	// search: name, alias, id, diacritics, ranking, limit.
	function found(q) {
		return L.search(doc, q, 0).map(function (h) {
			return h.kind + ":" + h.index + (h.via ? " (" + h.via + ")" : "");
		});
	}
	eq("search by name", found("yusuf"), ["actor:1"]);
	eq("search by alias", found("minister"), ["actor:0 (alias The Minister)"]);
	eq("search by id", found("q"), ["claim:1 (id q)"]);
	eq("search ignores diacritics", found("zoe muller"), ["actor:2"]);
	eq("search: whole match first", found("r").slice(0, 1), ["claim:2 (id r)"]);
	eq("search: nothing", found("   "), []);
	eq("search: limit", L.search(doc, "e", 2).length, 2);

	// sortRows: numbers, strings, stable.
	eq("sort numbers down", L.sortRows([3, 1, 2], function (x) {
		return x;
	}, -1), [3, 2, 1]);
	eq("sort stable", L.sortRows([{k: 1, i: 0}, {k: 0, i: 1}, {k: 1, i: 2}], function (r) {
		return r.k;
	}, 1).map(function (r) {
		return r.i;
	}), [1, 0, 2]);
	eq("sort strings", L.sortRows(["b", "a", "c"], function (x) {
		return x;
	}, 1), ["a", "b", "c"]);

	eq("formatScore", [0, 5, 0.020991234, 123.456789, 1e-9].map(L.formatScore), ["0", "5", "0.02099", "123.5", "1.00e-9"]);
	return failures;
}
