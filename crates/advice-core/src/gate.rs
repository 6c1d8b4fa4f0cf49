//! Whether a search's best built-in chapter fits the query: a logistic
//! model over the signals the ranking already has, fitted to the
//! development sets' labels (in scope or not).
//!
//! The rules in [`crate::ranking`] (the share of the query's words a
//! chapter must hold, lowered or raised by how the query reads) say "fits"
//! or "nothing fits" from one input at a time, each threshold set by hand.
//! Here the same inputs, and a few more that describe the ranked list as a
//! whole ([`Inputs`]), are weighed together: [`Model::fits`] is a weighted
//! sum against a cutoff. The rules' own verdict is one of the inputs, so
//! the model starts from them and learns where they are wrong.
//!
//! The weights are data, not code to edit: [`fit`] computes them from
//! labelled inputs, deterministically, and `tests/it/gate.rs` refits them
//! from the development sets and fails when they are not the ones shipped
//! in `data/gate.rs` (`UPDATE_GATE=1` rewrites that file). Refit whenever
//! the ranking, the reader lines or the off-topic lines change.
//!
//! Only a built-in chapter is judged here: its inputs (what its readers
//! type, how near in meaning the query is) are what the model was fitted
//! on. A team's own page has none of them, and the rules alone decide
//! whether it fits.

/// How many inputs the model weighs.
pub const INPUTS: usize = 26;

/// What each input is, in order, as [`fit`]'s report names them.
pub const INPUT_NAMES: [&str; INPUTS] = [
    "share held / share needed (log)",
    "names an uncovered subject",
    "reads off-topic (one line)",
    "reads like readers",
    "reads plainly off-topic",
    "nearest chapter line",
    "nearest chapter lines",
    "nearest off-topic line",
    "nearest off-topic lines",
    "best hit's nearest line",
    "best hit's nearest lines",
    "best hit's line - off-topic line",
    "best hit's lines - off-topic lines",
    "words (log)",
    "best score / second (log)",
    "second hit's share held",
    "the rules say it fits",
    "best score / third (log)",
    "best score / fifth (log)",
    "chapters found (log)",
    "query weight (log)",
    "best hit matched no line",
    "best hit's tags matched",
    "best hit's words readers type",
    "top five holding every word",
    "top ten's shares held, summed",
];

/// Which input is the rules' own verdict (1 when they say the best hit
/// fits, else 0).
pub const RULES_VERDICT: usize = 16;

/// The model's inputs for one search, in the order of [`INPUT_NAMES`].
pub type Inputs = [f64; INPUTS];

/// What a search knows when it judges its best hit, as the ranking
/// measured it ([`crate::ranking`] fills it in); [`Evidence::inputs`]
/// turns it into the model's inputs. Taken before the hits are cut to
/// `--limit`, so a search's verdict does not depend on how many hits it
/// shows.
#[derive(Debug, Clone)]
pub struct Evidence {
    /// The best hit's share of the query held ([`crate::ranking::Hit::coverage`]).
    pub share_held: f64,
    /// The share a query of its length needs ([`crate::ranking::fit_threshold`]).
    pub share_needed: f64,
    /// It names a subject the guide leaves out ([`crate::uncovered`]).
    pub names_uncovered: bool,
    /// Its nearest line is an off-topic one, by a margin.
    pub reads_off_topic: bool,
    /// It reads very like a line of what readers type.
    pub reads_like_readers: bool,
    /// Its nearest lines, together, are off-topic ones by a clear margin.
    pub reads_plainly_off_topic: bool,
    /// Nearness (cosine) to the nearest reader line of any chapter, and
    /// to the nearest lines of the nearest chapter.
    pub nearest_chapter: (f64, f64),
    /// The same for the off-topic lines.
    pub nearest_off_topic: (f64, f64),
    /// The same for the best hit's own reader lines.
    pub best_hit_nearness: (f64, f64),
    /// Words that count in the query.
    pub words: usize,
    /// The query's words' weights, summed.
    pub query_weight: f64,
    /// The first five scores (0 past the end).
    pub scores: [f64; 5],
    /// The second hit's share of the query held.
    pub second_share: f64,
    /// The rules' verdict on the best hit.
    pub rules_fit: bool,
    /// How many chapters scored.
    pub found: usize,
    /// The best hit matched in no line of its text.
    pub matched_no_line: bool,
    /// The best hit's tags that matched.
    pub tags_matched: usize,
    /// The query's words the best hit holds only among what readers type.
    pub readers_words: usize,
    /// How many of the first five hold every word.
    pub whole_in_top_five: usize,
    /// The first ten's shares of the query held, summed.
    pub top_ten_shares: f64,
}

impl Evidence {
    /// The model's inputs, in the order of [`INPUT_NAMES`].
    pub fn inputs(&self) -> Inputs {
        const EPS: f64 = 1e-3;
        let flag = |b: bool| f64::from(u8::from(b));
        let ratio = |a: f64, b: f64| ((a + EPS) / (b + EPS)).ln();
        let s = self.scores;
        [
            ((self.share_held + EPS) / self.share_needed).ln(),
            flag(self.names_uncovered),
            flag(self.reads_off_topic),
            flag(self.reads_like_readers),
            flag(self.reads_plainly_off_topic),
            self.nearest_chapter.0,
            self.nearest_chapter.1,
            self.nearest_off_topic.0,
            self.nearest_off_topic.1,
            self.best_hit_nearness.0,
            self.best_hit_nearness.1,
            self.best_hit_nearness.0 - self.nearest_off_topic.0,
            self.best_hit_nearness.1 - self.nearest_off_topic.1,
            (self.words as f64).ln_1p(),
            ratio(s[0], s[1]),
            self.second_share,
            flag(self.rules_fit),
            ratio(s[0], s[2]),
            ratio(s[0], s[4]),
            (self.found as f64).ln_1p(),
            self.query_weight.ln_1p(),
            flag(self.matched_no_line),
            self.tags_matched as f64,
            self.readers_words as f64,
            self.whole_in_top_five as f64,
            self.top_ten_shares,
        ]
    }
}

/// A fitted model: inputs are standardised (`(x - mean) / scale`), weighed,
/// summed with the bias, and the query fits when that reaches the cutoff.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// Each input's mean over the development queries.
    pub mean: [f64; INPUTS],
    /// Each input's standard deviation over them (1 where it is constant).
    pub scale: [f64; INPUTS],
    /// Each standardised input's weight.
    pub weights: [f64; INPUTS],
    /// The bias.
    pub bias: f64,
    /// The least score (log-odds) that fits.
    pub cutoff: f64,
}

/// The model shipped: fitted by `tests/it/gate.rs` (see the module docs).
pub const SHIPPED: Model = include!("../data/gate.rs");

impl Model {
    /// The log-odds that the query is one the guide answers.
    pub fn score(&self, inputs: &Inputs) -> f64 {
        let mut sum = self.bias;
        for (((w, x), m), s) in self
            .weights
            .iter()
            .zip(inputs)
            .zip(&self.mean)
            .zip(&self.scale)
        {
            sum += w * (x - m) / s;
        }
        sum
    }

    /// Whether the best hit fits the query.
    pub fn fits(&self, inputs: &Inputs) -> bool {
        self.score(inputs) >= self.cutoff
    }

    /// The model as `data/gate.rs` holds it: a Rust expression, every
    /// number written so that it reads back exactly.
    pub fn to_source(&self) -> String {
        let line = |xs: &[f64; INPUTS]| {
            xs.iter()
                .map(|x| format!("{x:?}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let named: String = self
            .weights
            .iter()
            .zip(INPUT_NAMES)
            .map(|(w, name)| format!("        {w:?}, // {name}\n"))
            .collect();
        format!(
            "// Written by `UPDATE_GATE=1 cargo test --test it gate`: do not edit.\n\
             // See crates/advice-core/src/gate.rs. Inputs in the order of the weights.\n\
             Model {{\n    mean: [{}],\n    scale: [{}],\n    weights: [\n{named}    ],\n    \
             bias: {:?},\n    cutoff: {:?},\n}}\n",
            line(&self.mean),
            line(&self.scale),
            self.bias,
            self.cutoff
        )
    }
}

/// One development query's inputs and label.
#[derive(Debug, Clone)]
pub struct Example {
    /// The search's inputs.
    pub inputs: Inputs,
    /// Whether the guide answers the query (in scope).
    pub in_scope: bool,
    /// Which of [`FOLDS`] it is held out in, when the cutoff is chosen.
    pub fold: usize,
}

/// How strongly the weights are pulled towards 0 (L2, on standardised
/// inputs, per example): enough that a rare input cannot take a weight no
/// other evidence supports.
pub const L2: f64 = 0.01;
/// The cross-validation's folds, for choosing the cutoff.
pub const FOLDS: usize = 5;
/// The share of in-scope development queries that may be said not to fit,
/// scored by models that did not see them (cross-validated), when the
/// cutoff is chosen. The target on a fresh set is 2%; a set written apart
/// from the development sets has run harder than they are, so the cutoff
/// aims at half of it.
pub const IN_SCOPE_MISS_SHARE: f64 = 0.01;

/// How the fitted model did, cross-validated, at its cutoff.
#[derive(Debug, Clone, PartialEq)]
pub struct Fit {
    /// The model, fitted on every example, with the cutoff chosen on the
    /// cross-validated scores.
    pub model: Model,
    /// In-scope examples said not to fit, scored by a model that did not see them.
    pub in_scope_missed: usize,
    /// Out-of-scope examples said to fit, likewise.
    pub out_of_scope_let_in: usize,
    /// Each example's cross-validated score and label, in order.
    pub held_out: Vec<(f64, bool)>,
}

/// Fits a model to the examples: logistic regression with an L2 penalty
/// ([`L2`]) by Newton's method, then the cutoff that holds cross-validated
/// in-scope misses to [`IN_SCOPE_MISS_SHARE`]. Deterministic: the same
/// examples give the same model.
pub fn fit(examples: &[Example]) -> Fit {
    let (mean, scale) = standardise(examples);
    let fitted = |train: &dyn Fn(&Example) -> bool| {
        let rows: Vec<(Inputs, f64)> = examples
            .iter()
            .filter(|e| train(e))
            .map(|e| {
                (
                    standardised(&e.inputs, &mean, &scale),
                    f64::from(u8::from(e.in_scope)),
                )
            })
            .collect();
        newton(&rows)
    };
    let folds: Vec<Model> = (0..FOLDS)
        .map(|fold| {
            let (weights, bias) = fitted(&|e| e.fold != fold);
            Model {
                mean,
                scale,
                weights,
                bias,
                cutoff: 0.0,
            }
        })
        .collect();
    let held_out: Vec<(f64, bool)> = examples
        .iter()
        .map(|e| (folds[e.fold % FOLDS].score(&e.inputs), e.in_scope))
        .collect();
    let mut in_scope: Vec<f64> = held_out.iter().filter(|s| s.1).map(|s| s.0).collect();
    in_scope.sort_by(f64::total_cmp);
    let allowed = (IN_SCOPE_MISS_SHARE * in_scope.len() as f64).floor() as usize;
    let cutoff = in_scope.get(allowed).copied().unwrap_or(0.0);
    let (weights, bias) = fitted(&|_| true);
    Fit {
        model: Model {
            mean,
            scale,
            weights,
            bias,
            cutoff,
        },
        in_scope_missed: held_out.iter().filter(|s| s.1 && s.0 < cutoff).count(),
        out_of_scope_let_in: held_out.iter().filter(|s| !s.1 && s.0 >= cutoff).count(),
        held_out,
    }
}

fn standardise(examples: &[Example]) -> ([f64; INPUTS], [f64; INPUTS]) {
    let n = examples.len().max(1) as f64;
    let mut mean = [0.0; INPUTS];
    let mut scale = [0.0; INPUTS];
    for e in examples {
        for (m, x) in mean.iter_mut().zip(&e.inputs) {
            *m += x / n;
        }
    }
    for e in examples {
        for ((s, x), m) in scale.iter_mut().zip(&e.inputs).zip(&mean) {
            *s += (x - m).powi(2) / n;
        }
    }
    for s in &mut scale {
        *s = if *s > 1e-12 { s.sqrt() } else { 1.0 };
    }
    (mean, scale)
}

fn standardised(x: &Inputs, mean: &[f64; INPUTS], scale: &[f64; INPUTS]) -> Inputs {
    std::array::from_fn(|i| (x[i] - mean[i]) / scale[i])
}

/// Newton's method for L2-penalised logistic regression on standardised
/// rows (label 1 or 0): a fixed number of steps, each solving the
/// (bias-augmented) Hessian system by Gaussian elimination.
fn newton(rows: &[(Inputs, f64)]) -> ([f64; INPUTS], f64) {
    const K: usize = INPUTS + 1;
    let n = rows.len().max(1) as f64;
    let mut beta = [0.0f64; K];
    for _ in 0..25 {
        let mut gradient = [0.0f64; K];
        let mut hessian = [[0.0f64; K]; K];
        for (x, y) in rows {
            let row: [f64; K] = std::array::from_fn(|i| if i < INPUTS { x[i] } else { 1.0 });
            let z: f64 = row.iter().zip(&beta).map(|(a, b)| a * b).sum();
            let p = 1.0 / (1.0 + (-z).exp());
            let w = p * (1.0 - p);
            for i in 0..K {
                gradient[i] += (p - y) * row[i] / n;
                for j in 0..K {
                    hessian[i][j] += w * row[i] * row[j] / n;
                }
            }
        }
        for i in 0..INPUTS {
            gradient[i] += L2 * beta[i];
            hessian[i][i] += L2;
        }
        hessian[INPUTS][INPUTS] += 1e-9;
        let step = solve(hessian, gradient);
        for i in 0..K {
            beta[i] -= step[i];
        }
    }
    (std::array::from_fn(|i| beta[i]), beta[INPUTS])
}

/// Solves `a x = b` by Gaussian elimination with partial pivoting (`a`
/// is positive definite here, so it never meets a zero pivot).
fn solve<const K: usize>(mut a: [[f64; K]; K], mut b: [f64; K]) -> [f64; K] {
    for col in 0..K {
        let pivot = (col..K)
            .max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))
            .unwrap_or(col);
        a.swap(col, pivot);
        b.swap(col, pivot);
        let p = a[col][col];
        if p.abs() < 1e-300 {
            continue;
        }
        let (done, rest) = a.split_at_mut(col + 1);
        let pivot_row = &done[col];
        for (offset, row) in rest.iter_mut().enumerate() {
            let f = row[col] / p;
            if f == 0.0 {
                continue;
            }
            for (x, above) in row[col..].iter_mut().zip(&pivot_row[col..]) {
                *x -= f * above;
            }
            b[col + 1 + offset] -= f * b[col];
        }
    }
    let mut x = [0.0f64; K];
    for row in (0..K).rev() {
        let rest: f64 = (row + 1..K).map(|k| a[row][k] * x[k]).sum();
        x[row] = if a[row][row].abs() < 1e-300 {
            0.0
        } else {
            (b[row] - rest) / a[row][row]
        };
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example(x: f64, in_scope: bool, fold: usize) -> Example {
        let mut inputs = [0.0; INPUTS];
        inputs[0] = x;
        Example {
            inputs,
            in_scope,
            fold,
        }
    }

    #[test]
    fn a_fit_separates_what_one_input_separates_and_is_repeatable() {
        // In scope above 0, out of scope below, and some out of scope
        // above 0 too (off-topic queries that hold every word).
        let examples: Vec<Example> = (0..200)
            .map(|i| {
                let x = f64::from(i) / 100.0 - 1.0;
                let off_topic_lookalike = i % 17 == 0;
                example(x, x > 0.0 && !off_topic_lookalike, i as usize % FOLDS)
            })
            .collect();
        let first = fit(&examples);
        assert_eq!(
            first,
            fit(&examples),
            "the same examples give the same model"
        );
        let model = &first.model;
        assert!(model.weights[0] > 1.0, "{model:?}");
        assert!(model.weights[1..].iter().all(|&w| w == 0.0), "{model:?}");
        assert!(model.fits(&example(0.9, true, 0).inputs));
        assert!(!model.fits(&example(-0.9, true, 0).inputs));
        // The cutoff misses at most 1% of the in-scope examples held out.
        let in_scope = examples.iter().filter(|e| e.in_scope).count();
        assert!(first.in_scope_missed <= in_scope / 100, "{first:?}");
    }

    #[test]
    fn the_shipped_file_reads_back_as_the_model_it_was_written_from() {
        // Every number, written and read back, is the same number: the
        // file is what `to_source` writes for the model it holds.
        assert_eq!(SHIPPED.to_source(), include_str!("../data/gate.rs"));
    }
}
