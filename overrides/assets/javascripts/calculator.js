/*
 * The serving calculator (docs/calculator.md). It evaluates the expression trees that
 * macros/serving.py exports into the page (#calculator-data): no formula is written here.
 * Inputs come from the query string (model, weights, kv, context, batch, gpu, gpus, mem_gb,
 * bw_tbs, util, overhead_gib, eff) and the form; each change is written back with replaceState.
 * An invalid field keeps its last valid value in the address and shows the rule next to it.
 * Outputs carry data-value in base units. No dependencies; words come with the page's data.
 * Node loads this file too (tests/test_calculator.py): then it only exports the evaluator.
 */
(function () {
  "use strict";

  var OPS = {
    "+": function (a, b) { return a + b; },
    "−": function (a, b) { return a - b; },
    "×": function (a, b) { return a * b; },
    "÷": function (a, b) { return a / b; },
    "^": function (a, b) { return Math.pow(a, b); }
  };
  var FNS = {
    ceil: Math.ceil,
    floor: Math.floor,
    max: Math.max,
    min: Math.min,
    ge: function (a, b) { return a >= b ? 1 : 0; }
  };

  /* One tree node, as macros/derived.py evaluates it (terms folded from the left). */
  function evaluate(node, env) {
    if ("const" in node) return node.const;
    if ("var" in node) {
      if (!(node.var in env)) throw new Error("input " + node.var + " was not given");
      return env[node.var];
    }
    var args = node.args.map(function (arg) { return evaluate(arg, env); });
    if (node.fn) return FNS[node.fn].apply(null, args);
    return args.reduce(OPS[node.op]);
  }

  /* Every output in order; each may use the ones before it. */
  function run(data, inputs) {
    var env = Object.assign({}, inputs);
    data.formulas.forEach(function (f) { env[f.name] = evaluate(f.expr, env); });
    return env;
  }

  function allowed(x, rule) {
    if (rule === "count") return x >= 1 && x === Math.floor(x);
    if (rule === "positive") return x > 0;
    if (rule === "share") return x > 0 && x <= 1;
    return x >= 0;
  }

  /* URL-style settings (strings) -> inputs, as serving.setup() does; refused ones go to errors. */
  function setup(data, settings) {
    var s = Object.assign({}, data.defaults, settings), errors = {}, number = new RegExp(data.number);
    Object.keys(data.choices).forEach(function (p) {
      if (data.choices[p].indexOf(s[p]) < 0) { errors[p] = "choice"; s[p] = data.defaults[p]; }
    });
    var gpu = data.gpus[s.gpu];
    ["mem_gb", "bw_tbs"].forEach(function (p) { if (!s[p]) s[p] = String(gpu[p]); });
    var inputs = Object.assign({}, data.models[s.model], {
      weight_bits: data.weights[s.weights], kv_bytes: data.kv[s.kv]
    });
    data.fields.forEach(function (f) {
      var raw = s[f.param] == null ? "" : String(s[f.param]);
      if (!number.test(raw)) errors[f.param] = "number";
      else if (!allowed(Number(raw), f.rule)) errors[f.param] = f.rule;
      else inputs[f.var] = Number(raw) * f.scale;
    });
    return { inputs: inputs, errors: errors, settings: s };
  }

  if (typeof module === "object" && module.exports) {
    module.exports = { evaluate: evaluate, run: run, setup: setup };
  }
  if (typeof document === "undefined") return;

  function start() {
    var box = document.getElementById("calc-app"), source = document.getElementById("calculator-data");
    if (!box || !source) return;
    var data = JSON.parse(source.textContent), W = data.words, locale = data.locale;
    var form = box.querySelector("form"), summary = document.getElementById("calc-summary");
    var plural = new Intl.PluralRules(locale), numbers = {};
    var kinds = Object.assign({}, data.kinds);
    data.formulas.forEach(function (f) { kinds[f.name] = f.kind; numbers[f.name] = f.numbers; });
    var params = Object.keys(data.choices).concat(data.fields.map(function (f) { return f.param; }));
    var unknown = {}; // select values from the address that are not options: message until changed

    var formats = {};  // building an Intl.NumberFormat costs far more than using one
    function nf(v, options) {
      var id = JSON.stringify(options || {});
      return (formats[id] = formats[id] || new Intl.NumberFormat(locale, options)).format(v);
    }
    function sig(v) { return nf(v, { maximumSignificantDigits: 3 }); }
    function say(key, n, values) {
      var text = W[key];
      if (typeof text === "object") text = text[plural.select(n)] || text.other;
      return text.replace(/\{(\w+)\}/g, function (m, name) { return values[name]; });
    }
    function scaled(v, units, base) {
      for (var i = 0; i < units.length; i++) {
        var scale = Math.pow(base, units.length - i);
        if (Math.abs(v) >= scale) return sig(v / scale) + " " + units[i];
      }
      return say("bytes", v, { n: nf(v) });
    }
    function si(v) { return scaled(v, ["PB", "TB", "GB", "MB", "KB"], 1000); }
    function binary(v) { return scaled(v, ["PiB", "TiB", "GiB", "MiB", "KiB"], 1024); }

    /* A value in a formula line (short) or as an output (long: both units, words). */
    function show(v, kind, long) {
      if (kind === "bytes") {
        var short = Math.abs(v) < 1e6 ? say("bytes", v, { n: nf(v) }) : si(v);
        return long ? say("both", 0, { a: short, b: binary(v) }) : short;
      }
      if (kind === "bytes_per_s") return say("bytes_per_s", v, { n: si(v) });
      if (kind === "params") return nf(v, { notation: "compact", maximumSignificantDigits: 3 });
      if (kind === "tokens") return long ? say("tokens", v, { n: nf(v) }) : nf(v);
      if (kind === "sequences") return long ? say("sequences", v, { n: nf(v) }) : nf(v);
      if (kind === "seconds") return say("seconds", v, { n: sig(v) });
      if (kind === "tokens_per_s") return say("tokens_per_s", v, { n: sig(v) });
      if (kind === "flag") return long ? W[v ? "fits_yes" : "fits_no"] : String(v);
      if (kind === "share") return nf(v, { maximumSignificantDigits: 4 });
      return nf(v, { maximumFractionDigits: 3 });
    }
    function numberText(v) { return String(Number(v)); }

    function read() {
      var settings = {};
      params.forEach(function (p) { settings[p] = form.elements[p].value; });
      return settings;
    }

    function fillPreset() {
      var gpu = data.gpus[form.elements.gpu.value];
      if (!gpu) return;
      form.elements.mem_gb.value = numberText(gpu.mem_gb);
      form.elements.bw_tbs.value = numberText(gpu.bw_tbs);
    }

    function writeAddress(result) {
      var query = new URLSearchParams(location.search), gpu = data.gpus[result.settings.gpu];
      params.forEach(function (p) {
        if (result.errors[p] && result.errors[p] !== "choice") return; // keep the last valid value
        var value = result.settings[p];
        if (data.choices[p]) query.set(p, value);
        else if ((p === "mem_gb" || p === "bw_tbs") && Number(value) === gpu[p]) query.delete(p);
        else query.set(p, numberText(value));
      });
      history.replaceState(history.state, "", "?" + query.toString() + location.hash);
    }

    function example(p) {
      if (p in data.defaults) return data.defaults[p];
      var gpu = data.gpus[form.elements.gpu.value];
      return numberText(gpu ? gpu[p] : data.gpus[data.defaults.gpu][p]);
    }

    function messages(errors) {
      params.forEach(function (p) {
        var control = form.elements[p], message = document.getElementById("calc-" + p + "-msg");
        var rule = errors[p], text = "";
        if (rule === "choice" && unknown[p] != null) text = say("error.choice", 0, { value: unknown[p] });
        else if (rule && rule !== "choice") text = say("error." + rule, 0, { example: example(p) });
        if (message.textContent !== text) message.textContent = text;
        if (text && rule !== "choice") control.setAttribute("aria-invalid", "true");
        else control.removeAttribute("aria-invalid");
      });
    }

    function verdict(env) {
      var context = show(env.context, "tokens", false), values = {
        concurrency: show(env.max_concurrency, "count"), context: context, batch: show(env.batch, "count"),
        weights: si(env.weights_bytes_per_gpu), overhead: binary(env.overhead), usable: si(env.usable_bytes_per_gpu)
      };
      if (env.fits) return say("fits", env.max_concurrency, values);
      return say(env.budget_bytes_per_gpu <= 0 ? "no_memory" : "no_kv", env.max_concurrency, values);
    }

    function heads(env) {
      var values = {
        gpus: show(env.gpus, "count"), kv_heads: show(env.kv_heads, "count"),
        per_gpu: show(env.kv_heads_per_gpu, "count"), copies: show(env.kv_head_copies, "count")
      };
      return say(env.kv_head_copies > 1 ? "replicated" : "split", env.kv_heads_per_gpu, values);
    }

    function update(write) {
      var result = setup(data, read());
      Object.keys(unknown).forEach(function (p) { if (!result.errors[p]) result.errors[p] = "choice"; });
      messages(result.errors);
      var blocking = Object.keys(result.errors).some(function (p) { return result.errors[p] !== "choice"; });
      var outs = box.querySelectorAll("[data-out]"), lines = box.querySelectorAll("[data-numbers]");
      if (blocking) {
        outs.forEach(function (el) { el.textContent = "—"; el.removeAttribute("data-value"); });
        lines.forEach(function (el) { el.textContent = ""; });
        box.querySelectorAll("[data-note]").forEach(function (el) { el.textContent = ""; });
        summary.textContent = W.invalid;
        return;
      }
      var env = run(data, result.inputs);
      outs.forEach(function (el) {
        var name = el.getAttribute("data-out");
        el.setAttribute("data-value", String(env[name]));
        el.textContent = show(env[name], kinds[name], true);
      });
      lines.forEach(function (el) {
        var name = el.getAttribute("data-numbers");
        el.textContent = "= " + numbers[name].replace(/\{(\w+)\}/g, function (m, v) {
          return show(env[v], kinds[v], false);
        }) + " = " + show(env[name], kinds[name], false);
      });
      box.querySelectorAll("[data-moe]").forEach(function (el) { el.hidden = !env.experts; });
      var notes = { kv_bytes_per_token_per_gpu: heads(env), fits: verdict(env) };
      box.querySelectorAll("[data-note]").forEach(function (el) {
        el.textContent = notes[el.getAttribute("data-note")];
      });
      summary.textContent = env.kv_head_copies > 1
        ? say("sentences", 0, { a: notes.fits, b: notes.kv_bytes_per_token_per_gpu }) : notes.fits;
      if (write) writeAddress(result);
    }

    var query = new URLSearchParams(location.search);
    params.forEach(function (p) {
      if (!query.has(p)) return;
      var value = query.get(p), control = form.elements[p];
      if (data.choices[p] && data.choices[p].indexOf(value) < 0) { unknown[p] = value; return; }
      control.value = value;
    });
    if (!query.get("mem_gb") || !query.get("bw_tbs")) {
      var gpu = data.gpus[form.elements.gpu.value];
      if (!query.get("mem_gb")) form.elements.mem_gb.value = numberText(gpu.mem_gb);
      if (!query.get("bw_tbs")) form.elements.bw_tbs.value = numberText(gpu.bw_tbs);
    }
    form.addEventListener("input", function (event) {
      var name = event.target.name;
      delete unknown[name];
      if (name === "gpu") fillPreset();
      update(true);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    update(false);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
