/*
 * The archive's search: the theme's search box and result list, driven by this page
 * script over the index the archive plugin writes in pieces (generator/render/search.py).
 *
 * The page loads search/manifest.js (a few kilobytes) when it opens; a query loads only
 * the term shards its words need (search/terms/<n>.js) and the page records of the
 * results it shows (search/pages/<n>.js), each with a <script>: a page opened from a
 * folder (file://) may load scripts, where fetch and workers are refused. Every piece
 * calls archiveSearchShard(kind, key, data). Results are ranked from the postings alone;
 * only the first RESULTS_SHOWN are read and shown, RESULTS_SHOWN more each time the
 * reader scrolls to the end of the list.
 *
 * Readiness, for tests and benchmarks: window.__archiveSearch.ready is true (and
 * <html data-archive-search="ready">) once the manifest has loaded; the result list's
 * meta line then leaves the theme's "Initializing search".
 */
(function () {
  "use strict";

  var RESULTS_SHOWN = 20;
  var PASSAGES_SHOWN = 3;  // passages of one page under its title
  var PREFIX_BYTES = 300000;  // a word being typed is read as a prefix if its shards fit
  var script = document.currentScript;
  var INDEX = new URL("../search/", script.src);
  var SITE = new URL("../", script.src);

  // --- words: folded and split as generator/render/search.py does ----------------------
  // By the table search/words.js holds, made from the Unicode data of the Python that
  // built the index: this browser's own Unicode version may differ (letters Python has not
  // assigned, other case pairs), and a word folded or split otherwise would not be found.
  var MAX_TERMS = 32;  // words of a query searched; the meta line says when there were more
  var FOLDS = new Map();  // code point -> what it folds to
  var WORD_FIRST = [];  // runs of word characters (letters, digits): first, last code point
  var WORD_LAST = [];
  var JOINER = new Set();  // hyphens and apostrophes: "ez-Zor" is "ezzor" too

  function learn(table) {
    table.fold.forEach(function (run) {
      var point = run[0];
      Array.from(run[1]).forEach(function (folded) { FOLDS.set(point++, folded); });
    });
    table.spell.forEach(function (entry) { FOLDS.set(entry[0], entry[1]); });
    var end = 0;
    for (var i = 0; i < table.word.length; i += 2) {
      var first = end + table.word[i];
      end = first + table.word[i + 1];
      WORD_FIRST.push(first);
      WORD_LAST.push(end - 1);
    }
    Array.from(table.joiners).forEach(function (c) { JOINER.add(c.codePointAt(0)); });
  }

  function isWord(point) {
    var lo = 0, hi = WORD_FIRST.length - 1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (point < WORD_FIRST[mid]) hi = mid - 1;
      else if (point > WORD_LAST[mid]) lo = mid + 1;
      else return true;
    }
    return false;
  }

  function foldPoint(point, char) {
    var folded = FOLDS.get(point);
    return folded === undefined ? char : folded;
  }

  function fold(text) {
    var out = "";
    for (var char of text) out += foldPoint(char.codePointAt(0), char);
    return out;
  }

  // The runs of words in `text`, folded: letters and digits, runs of them joined by one
  // hyphen or apostrophe. Each run has its words, where it is in `text` (start, end) and
  // where it ends in the folded text (stop); `end` is the folded text's length.
  function scan(text) {
    var found = [];
    var run = null, word = "", joined = false, at = 0;
    function close() {
      if (run !== null) { run.words.push(word); found.push(run); }
      run = null;
      joined = false;
    }
    for (var i = 0; i < text.length;) {
      var point = text.codePointAt(i);
      var size = point > 0xffff ? 2 : 1;
      for (var piece of foldPoint(point, text.slice(i, i + size))) {
        var code = piece.codePointAt(0);
        at += 1;
        if (isWord(code)) {
          if (run === null) {
            run = {start: i, words: []};
            word = "";
          } else if (joined) {
            run.words.push(word);
            word = "";
            joined = false;
          }
          word += piece;
          run.end = i + size;
          run.stop = at;
        } else if (run !== null && !joined && JOINER.has(code)) {
          joined = true;
        } else {
          close();
        }
      }
      i += size;
    }
    close();
    return {runs: found, end: at};
  }

  function tokens(text) {
    var runs = scan(text).runs;
    var words = [];
    runs.forEach(function (run) { words.push.apply(words, run.words); });
    runs.forEach(function (run) { if (run.words.length > 1) words.push(run.words.join("")); });
    return words;
  }

  // A query: its terms (a hyphenated word is one term, run together, as the index also
  // holds it), the first MAX_TERMS of them, how many more there were, and whether the
  // last is still being typed (then it is a prefix).
  function parse(query) {
    var scanned = scan(query);
    var terms = [];
    var seen = new Set();
    var dropped = 0;
    scanned.runs.forEach(function (run) {
      var term = run.words.join("");
      if (seen.has(term)) return;
      seen.add(term);
      if (terms.length < MAX_TERMS) terms.push(term); else dropped += 1;
    });
    var last = scanned.runs[scanned.runs.length - 1];
    var prefix = last && last.stop === scanned.end ? last.words.join("") : null;
    if (prefix !== null && terms.indexOf(prefix) < 0) prefix = null;
    return {terms: terms, prefix: prefix, dropped: dropped};
  }

  // --- the pieces of the index ----------------------------------------------------------
  var slots = {};
  var loaded = [];  // the index's files this page has loaded, in order

  window.archiveSearchShard = function (kind, key, data) {
    var slot = slot_(kind + ":" + key);
    slot.value = data;
    slot.resolve(data);
  };

  function slot_(id) {
    var slot = slots[id];
    if (!slot) {
      slot = slots[id] = {};
      slot.promise = new Promise(function (resolve, reject) {
        slot.resolve = resolve;
        slot.reject = reject;
      });
    }
    return slot;
  }

  function load(kind, key, path) {
    var slot = slot_(kind + ":" + key);
    if (!slot.asked) {
      slot.asked = true;
      var element = document.createElement("script");
      element.src = new URL(path, INDEX).href;
      element.onerror = function () { slot.reject(new Error("search: cannot load " + path)); };
      element.onload = function () { loaded.push(path); };
      document.head.appendChild(element);
    }
    return slot.promise;
  }

  var manifest = null;
  var shardOfKey = new Map();
  var longestKey = 0;  // in code points
  var wordsLoaded = load("w", 0, "words.js").then(learn);
  var ready = Promise.all([load("m", 0, "manifest.js"), wordsLoaded]).then(function (got) {
    manifest = got[0];
    manifest.terms.forEach(function (entry, i) {
      shardOfKey.set(entry[0], i);
      longestKey = Math.max(longestKey, Array.from(entry[0]).length);
    });
    return manifest;
  });

  // The shard of the longest key `term` begins with (no key is longer than longestKey).
  function shardOf(term) {
    var chars = Array.from(term.slice(0, 2 * longestKey)).slice(0, longestKey);
    for (var n = chars.length; n > 0; n--) {
      var i = shardOfKey.get(chars.slice(0, n).join(""));
      if (i !== undefined) return i;
    }
    return -1;
  }

  function termShard(i) {
    return load("t", i, "terms/" + i + ".js");
  }

  // The shards that hold every term beginning with `prefix`, or null if they are too big.
  function prefixShards(prefix) {
    var shards = [];
    var bytes = 0;
    var own = shardOf(prefix);
    if (own >= 0) { shards.push(own); bytes += manifest.terms[own][1]; }
    manifest.terms.forEach(function (entry, i) {
      if (i !== own && entry[0].length > prefix.length && entry[0].startsWith(prefix)) {
        shards.push(i);
        bytes += entry[1];
      }
    });
    return bytes <= PREFIX_BYTES ? shards : null;
  }

  // --- postings -------------------------------------------------------------------------
  var ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  var DIGIT = {};
  for (var d = 0; d < ALPHABET.length; d++) DIGIT[ALPHABET.charCodeAt(d)] = d;
  var decoded = new Map();

  function postings(shard, term, text) {
    var id = shard + ":" + term;
    var got = decoded.get(id);
    if (got) return got;
    var values = [];
    var value = 0;
    for (var i = 0; i < text.length; i++) {
      var g = DIGIT[text.charCodeAt(i)];
      value = value * 32 + (g & 31);
      if (g < 32) { values.push(value); value = 0; }
    }
    var n = values.length / 3;
    got = {pages: new Int32Array(n), passages: new Int32Array(n), weights: new Int32Array(n)};
    var page = 0;
    for (var j = 0; j < n; j++) {
      page += values[3 * j];
      got.pages[j] = page;
      got.passages[j] = values[3 * j + 1];
      got.weights[j] = values[3 * j + 2];
    }
    decoded.set(id, got);
    return got;
  }

  function idf(containing) {
    return Math.log(1 + (manifest.pages - containing + 0.5) / (containing + 0.5));
  }

  // Pages with a term (any term it begins with, if it is a prefix): page -> [score, passage].
  function matches(term, asPrefix) {
    var shards = asPrefix ? prefixShards(term) : null;
    if (shards === null) {
      var own = shardOf(term);
      shards = own >= 0 ? [own] : [];
      asPrefix = false;
    }
    return Promise.all(shards.map(termShard)).then(function (datas) {
      var found = new Map();
      datas.forEach(function (data, k) {
        var words = asPrefix
          ? Object.keys(data).filter(function (t) { return t.startsWith(term); })
          : (Object.prototype.hasOwnProperty.call(data, term) ? [term] : []);
        words.forEach(function (word) {
          var p = postings(shards[k], word, data[word]);
          var weight = idf(p.pages.length);
          for (var i = 0; i < p.pages.length; i++) {
            var score = weight * p.weights[i];
            var seen = found.get(p.pages[i]);
            if (!seen || score > seen[0]) found.set(p.pages[i], [score, p.passages[i]]);
          }
        });
      });
      return found;
    });
  }

  // Every page with all the terms, best first: [page, score, passages]. A page whose
  // name (an entity's name or alias, a page's title) is the whole query comes first.
  var NAMED = 1e6;
  function rank(parsed) {
    var whole = "=" + parsed.terms.join(" ");
    return Promise.all(parsed.terms.map(function (term) {
      return matches(term, term === parsed.prefix);
    }).concat([matches(whole, false)])).then(function (maps) {
      var named = maps.pop();
      maps.sort(function (a, b) { return a.size - b.size; });
      var results = [];
      maps[0].forEach(function (first, page) {
        var score = first[0];
        var passages = [first[1]];
        for (var i = 1; i < maps.length; i++) {
          var hit = maps[i].get(page);
          if (!hit) return;
          score += hit[0];
          if (passages.indexOf(hit[1]) < 0) passages.push(hit[1]);
        }
        results.push([page, named.has(page) ? NAMED + score : score, passages]);
      });
      results.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
      return results;
    });
  }

  function records(pages) {
    var per = manifest.perShard;
    var shards = [];
    pages.forEach(function (page) {
      var n = Math.floor(page / per);
      if (shards.indexOf(n) < 0) shards.push(n);
    });
    return Promise.all(shards.map(function (n) {
      return load("p", n, "pages/" + n + ".js");
    })).then(function () {
      return pages.map(function (page) {
        var slot = slots["p:" + Math.floor(page / per)];
        return slot.value[page % per];
      });
    });
  }

  // --- what the reader sees -------------------------------------------------------------
  var config = {};
  try {
    config = JSON.parse(document.getElementById("__config").textContent);
  } catch (e) { /* the theme's defaults below */ }
  var words = config.translations || {};
  function say(key, fallback, count) {
    var text = words[key] || fallback;
    return count === undefined ? text : text.replace("#", String(count));
  }

  // Text with the words that begin with a query term marked, as DOM nodes (never HTML).
  function marked(text, terms) {
    var out = document.createDocumentFragment();
    var at = 0;
    scan(text).runs.forEach(function (run) {
      if (hits(run, terms)) {
        out.appendChild(document.createTextNode(text.slice(at, run.start)));
        var mark = document.createElement("mark");
        mark.setAttribute("data-md-highlight", "");
        mark.textContent = text.slice(run.start, run.end);
        out.appendChild(mark);
        at = run.end;
      }
    });
    out.appendChild(document.createTextNode(text.slice(at)));
    return out;
  }

  function hits(run, terms) {
    var forms = [run.words.join("")].concat(run.words);
    return forms.some(function (form) {
      return terms.some(function (term) { return form.startsWith(term); });
    });
  }

  function voiceLabel(voice, outlet) {
    var whose = outlet ? outlet + "'s" : "the outlet's";
    if (voice === 2) return "Readers' comment, not " + whose + " words";
    if (voice === 1) return "Photo caption, not " + whose + " article text";
    return "";
  }

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
  }

  function link(href, score, parts) {
    var a = element("a", "md-search-result__link");
    a.href = href;
    a.tabIndex = -1;
    var article = element("article", "md-search-result__article md-typeset");
    article.setAttribute("data-md-score", (score % NAMED).toFixed(2));
    parts.forEach(function (part) { article.appendChild(part); });
    a.appendChild(article);
    return a;
  }

  function teaser(passage, record, terms) {
    var parts = [];
    var label = voiceLabel(passage[2], record[2]);
    if (label) parts.push(element("p", "archive-search-voice", label));
    if (passage[3]) {
      var p = element("p");
      p.appendChild(marked(passage[3], terms));
      parts.push(p);
    }
    return parts;
  }

  function item(result, record, query, terms) {
    var li = element("li", "md-search-result__item");
    var url = new URL(record[0], SITE);
    url.searchParams.set("h", query.trim());
    var shown = result[2].slice(0, PASSAGES_SHOWN);
    var top = [element("div", "md-search-result__icon md-icon")];
    var title = element("h1");
    title.appendChild(marked(record[1], terms));
    top.push(title);
    var called = (record[5] || []).filter(function (alias) {
      return scan(alias).runs.some(function (run) { return hits(run, terms); });
    });
    if (called.length) {
      var also = element("p", "archive-search-alias", "Also called: ");
      also.appendChild(marked(called.join(", "), terms));
      top.push(also);
    }
    if (shown[0] === 0) top = top.concat(teaser(record[4][0], record, terms));
    li.appendChild(link(url.href, result[1], top));
    shown.forEach(function (index) {
      var passage = record[4][index];
      if (index === 0 || !passage) return;
      var heading = element("h2");
      heading.appendChild(marked(record[3][passage[1]] || record[1], terms));
      var at = new URL(url.href);
      at.hash = passage[0];
      li.appendChild(link(at.href, result[1], [heading].concat(teaser(passage, record, terms))));
    });
    return li;
  }

  // --- the search box -------------------------------------------------------------------
  var root = document.querySelector("[data-archive-search]");
  var toggle = document.getElementById("__search");
  if (!root || !toggle) return;
  var input = root.querySelector("input.md-search__input");
  var form = root.querySelector("form");
  var meta = root.querySelector(".md-search-result__meta");
  var list = root.querySelector(".md-search-result__list");
  var scroller = root.querySelector(".md-search__scrollwrap");

  var state = {asked: 0, query: "", terms: [], results: [], shown: 0, busy: false};
  // For tests and benchmarks: the same folding and ranking as the search box, and the
  // first `count` results of a query with their records.
  var api = window.__archiveSearch = {
    ready: false, fold: fold, tokens: tokens, parse: parse, loaded: loaded, maxTerms: MAX_TERMS,
    search: function (query, count) {
      return ready.then(function () {
        var parsed = parse(query);
        return parsed.terms.length ? rank(parsed) : [];
      }).then(function (results) {
        var first = results.slice(0, count === undefined ? RESULTS_SHOWN : count);
        return records(first.map(function (r) { return r[0]; })).then(function (recs) {
          return {total: results.length, results: first.map(function (r, i) {
            var rec = recs[i];
            return {address: rec[0], title: rec[1], outlet: rec[2], score: r[1],
                    passages: r[2].map(function (n) {
                      var p = rec[4][n];
                      return {anchor: p[0], heading: rec[3][p[1]], voice: p[2], text: p[3]};
                    })};
          })};
        });
      });
    }
  };

  function setOpen(open) {
    if (toggle.checked !== open) {
      toggle.checked = open;
      toggle.dispatchEvent(new Event("change"));
    }
  }

  function setMeta(count, query, dropped) {
    var text;
    if (count === 0) {
      text = query ? say("search.result.none", "No matching documents")
                   : say("search.result.placeholder", "Type to start searching");
    } else if (count === 1) {
      text = say("search.result.one", "1 matching document");
    } else {
      text = say("search.result.other", "# matching documents", count);
    }
    if (dropped) {
      text += " (only the first " + MAX_TERMS + " words of the query were searched; " +
        dropped + " more were left out)";
    }
    meta.textContent = text;
  }

  function more() {
    if (state.busy || state.shown >= state.results.length) return Promise.resolve();
    var asked = state.asked;
    var batch = state.results.slice(state.shown, state.shown + RESULTS_SHOWN);
    state.busy = true;
    return records(batch.map(function (r) { return r[0]; })).then(function (recs) {
      state.busy = false;
      if (asked !== state.asked) return;
      batch.forEach(function (result, i) {
        if (recs[i]) list.appendChild(item(result, recs[i], state.query, state.terms));
      });
      state.shown += batch.length;
    }, function (error) { state.busy = false; failed(error); });
  }

  function search(query) {
    var asked = ++state.asked;
    return ready.then(function () {
      var parsed = parse(query);
      if (!parsed.terms.length) return [parsed, []];
      return rank(parsed).then(function (results) { return [parsed, results]; });
    }).then(function (got) {
      if (asked !== state.asked) return;
      // What a result's page marks (?h=): the query, or only the words searched.
      state.query = got[0].dropped ? got[0].terms.join(" ") : query;
      state.terms = got[0].terms;
      state.results = got[1];
      state.shown = 0;
      state.busy = false;
      list.textContent = "";
      setMeta(got[1].length, got[0].terms.length > 0, got[0].dropped);
      return more();
    }, failed);
  }

  function failed(error) {
    meta.textContent = "Search is unavailable: " + (error && error.message || error);
  }

  ready.then(function () {
    api.ready = true;
    document.documentElement.setAttribute("data-archive-search", "ready");
    if (input.value) search(input.value); else setMeta(0, false);
  }, failed);

  var last = null;
  function changed() {
    if (input.value !== last) {
      last = input.value;
      search(input.value);
    }
  }
  input.addEventListener("input", changed);
  input.addEventListener("keyup", changed);
  input.addEventListener("focus", function () { setOpen(true); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () {
    setTimeout(function () { changed(); input.focus(); }, 0);
  });
  document.querySelectorAll("label[for='__search'].md-header__button").forEach(function (label) {
    label.addEventListener("click", function () { input.focus(); });
  });
  root.addEventListener("click", function (event) {
    if (event.target instanceof Element && event.target.closest("a")) setOpen(false);
  });
  scroller.addEventListener("scroll", function () {
    if (scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 200) more();
  });

  // The theme's keys: in the open search, Enter opens the best result, Escape or Tab
  // close it, the arrows walk the results; elsewhere f, s or / open it.
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var active = document.activeElement;
    if (toggle.checked) {
      if (event.key === "Enter" && active === input) {
        var best = list.querySelector(".md-search-result__item [href]");
        if (best) best.click();
        event.preventDefault();
      } else if (event.key === "Escape" || event.key === "Tab") {
        setOpen(false);
        input.blur();
      } else if (event.key === "ArrowUp" || event.key === "ArrowDown") {
        var els = [input].concat(Array.from(list.querySelectorAll(
          ":not(details) > [href], summary, details[open] [href]")));
        var at = Math.max(0, els.indexOf(active));
        els[(at + els.length + (event.key === "ArrowUp" ? -1 : 1)) % els.length].focus();
        event.preventDefault();
      } else if (active !== input && event.key.length === 1) {
        input.focus();
      }
    } else if (event.key === "f" || event.key === "s" || event.key === "/") {
      var editing = active && (active.isContentEditable ||
        /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName));
      if (!editing) {
        input.focus();
        input.select();
        event.preventDefault();
      }
    }
  });

  // A link with ?q= opens the search with that query, as the theme's does.
  var here = new URL(location.href);
  if (here.searchParams.has("q")) {
    input.value = here.searchParams.get("q");
    setOpen(true);
    input.focus();
  }

  // --- on the page a result opened: mark the words searched for (?h=) -------------------
  var highlight = here.searchParams.get("h");
  var content = document.querySelector("article.md-content__inner");
  if (highlight && content) wordsLoaded.then(function () {
    var terms = parse(highlight).terms;
    var walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
    var found = [];
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      var parent = node.parentElement;
      if (parent && !parent.closest("script, style, textarea, mark") && node.nodeValue.trim()) {
        found.push(node);
      }
    }
    found.forEach(function (text) {
      var replaced = marked(text.nodeValue, terms);
      if (replaced.childNodes.length > 1) text.parentNode.replaceChild(replaced, text);
    });
  });
})();
