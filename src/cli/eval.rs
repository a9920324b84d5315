//! `argumap eval`: which claims stand, and why.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use argumap::analysis::semantics::{
    bipolar_from_map, extensions, from_map, grounded, strengths, Bipolar, Budget, Framework,
    Gradual, Label, Semantics, Tolerance, Translation,
};
use argumap::format::iccma::Dialect;
use argumap::format::Format;
use argumap::model::{Element, Map};

use super::choice;
use super::io::{display_name, read_input, write_output, Failure};
use super::load::{load, read_iccma};
use super::progress::Progress;
use super::OK;

// The subcommand's help is on its variant of `Command`.
#[derive(clap::Args)]
pub(super) struct EvalArgs {
    /// The map or framework to evaluate (`-` reads standard input).
    input: PathBuf,
    /// grounded (one labelling, with the reason for each verdict), complete, preferred or
    /// stable (several; each element's credulous and sceptical acceptance is shown).
    #[arg(long, default_value = "grounded", value_parser = choice::named::<Semantics>())]
    semantics: Semantics,
    /// The input format, when the extension and content do not say it: json, argdown,
    /// aif, kialo, sadface, microtexts, apx, tgf or i23.
    #[arg(long, value_name = "FORMAT", value_parser = choice::input_format())]
    from: Option<Format>,
    /// List the extensions themselves.
    #[arg(long)]
    enumerate: bool,
    /// Look at most at this many labellings; past it the answer is "not decided".
    #[arg(long, value_name = "N", default_value_t = 1_000_000)]
    limit: usize,
    /// Give up after this many seconds with "not decided".
    #[arg(long, value_name = "SECONDS")]
    timeout: Option<u64>,
    /// Print one extension as an ICCMA solver does for the SE task: `[a1,a3]` for apx and
    /// tgf, `w 1 3` for i23, `NO` when there is none.
    #[arg(long)]
    iccma: bool,
    /// Print the result as JSON.
    #[arg(long)]
    json: bool,
    /// Instead of a semantics' verdicts, each claim's strength in [0, 1] where support
    /// and attack both count: dfquad, qe (quadratic energy) or hcat (h-categorizer).
    /// Base scores default to 0.5 (1 for hcat); an element's `ext.base_score` overrides.
    #[arg(long, value_name = "MODEL", conflicts_with_all = ["enumerate", "iccma"], value_parser = choice::named::<Gradual>())]
    strength: Option<Gradual>,
}

pub(super) fn run(args: &EvalArgs) -> Result<u8, Failure> {
    eval(&Request {
        input: &args.input,
        semantics: args.semantics,
        from: args.from,
        enumerate: args.enumerate,
        budget: Budget {
            labellings: Some(args.limit),
            deadline: args
                .timeout
                .map(|t| std::time::Instant::now() + std::time::Duration::from_secs(t)),
        },
        iccma: args.iccma,
        json: args.json,
        strength: args.strength,
    })
}

/// What `eval` was asked.
struct Request<'a> {
    pub input: &'a Path,
    pub semantics: Semantics,
    pub from: Option<Format>,
    pub enumerate: bool,
    pub budget: Budget,
    pub iccma: bool,
    pub json: bool,
    pub strength: Option<Gradual>,
}

/// The framework to evaluate, with what each argument stands for.
struct Subject {
    af: Framework,
    names: Vec<String>,
    /// For a map: the map and its translation.
    map: Option<(Map, Translation)>,
    dialect: Option<Dialect>,
}

fn eval(r: &Request) -> Result<u8, Failure> {
    let format = match r.from {
        Some(format) => format,
        None => Format::from_path(r.input).unwrap_or(Format::Json),
    };
    let progress = Progress::start("starting");
    let subject = match format.iccma() {
        // An ICCMA framework is evaluated as it is: no map is built.
        Some(dialect) => {
            let name = display_name(r.input);
            let src = read_input(r.input)?;
            let named = read_iccma(&src, dialect, &name)?;
            Subject {
                af: named.af,
                names: named.names,
                map: None,
                dialect: Some(dialect),
            }
        }
        None => {
            let (map, _, _) = load(r.input, r.from, &progress)?;
            let t = from_map(&map);
            Subject {
                af: t.af.clone(),
                names: t.ids.iter().map(|id| id.to_string()).collect(),
                map: Some((map, t)),
                dialect: None,
            }
        }
    };
    if let Some(model) = r.strength {
        progress.clear();
        return strength(&subject, model, r);
    }
    progress.stage(format!("evaluating ({})", r.semantics.as_str()));
    let found = extensions(&subject.af, r.semantics, &r.budget).map_err(|e| {
        Failure::Usage(format!(
            "{}: {e}\n  hint: raise --limit or --timeout, or ask for grounded semantics, which is always decided",
            display_name(r.input)
        ))
    })?;
    progress.clear();
    let sets = found.sets();
    let text = if r.iccma {
        iccma_answer(&subject, sets.first())
    } else if r.json {
        json_answer(&subject, r, &found)
    } else if r.semantics == Semantics::Grounded {
        grounded_report(&subject)
    } else {
        acceptance_report(&subject, r, &found)
    };
    write_output(None, text.as_bytes())?;
    Ok(OK)
}

/// Gradual strengths, or a clear refusal when the iteration did not converge.
fn strength(s: &Subject, model: Gradual, r: &Request) -> Result<u8, Failure> {
    let graph = match &s.map {
        Some((map, _)) => bipolar_from_map(map, model.default_base()).0,
        None => {
            // An ICCMA framework: attacks only.
            let mut g = Bipolar::new(s.af.len(), model.default_base());
            for (a, b) in s.af.attacks() {
                g.attack(a, b);
            }
            g
        }
    };
    let result = strengths(&graph, model, &Tolerance::default());
    if !result.converged {
        return Err(Failure::Usage(format!(
            "{}: {}",
            display_name(r.input),
            argumap::surface::not_converged(model, &result)
        )));
    }
    let text = if r.json {
        argumap::surface::strengths_json(&s.names, model, &result)
    } else {
        let mut out = format!(
            "Strengths ({}; {}):\n",
            model.as_str(),
            if result.iterations == 0 {
                "exact, the map has no cycle".to_owned()
            } else {
                format!("converged in {} iterations", result.iterations)
            }
        );
        let mut order: Vec<usize> = (0..s.names.len()).collect();
        order.sort_by(|&a, &b| result.values[b].total_cmp(&result.values[a]));
        for a in order {
            let _ = writeln!(
                out,
                "  {:.3}  `{}`{}",
                result.values[a],
                s.names[a],
                gist(s, a as u32)
            );
        }
        out
    };
    write_output(None, text.as_bytes())?;
    Ok(OK)
}

/// One extension as an ICCMA solver prints it for the SE task.
fn iccma_answer(s: &Subject, set: Option<&Vec<u32>>) -> String {
    let Some(set) = set else {
        return "NO\n".into();
    };
    let names: Vec<&str> = set.iter().map(|&a| s.names[a as usize].as_str()).collect();
    if s.dialect == Some(Dialect::I23) {
        let mut out = "w".to_owned();
        for n in names {
            out.push(' ');
            out.push_str(n);
        }
        out + "\n"
    } else {
        format!("[{}]\n", names.join(","))
    }
}

/// A short form of an element's text, for a line of the report.
fn gist(s: &Subject, a: u32) -> String {
    let Some((map, t)) = &s.map else {
        return String::new();
    };
    let text = match map.element(&t.ids[a as usize]) {
        Some(Element::Claim(c)) => c.title.clone().unwrap_or_else(|| c.text.clone()),
        Some(Element::Argument(arg)) => arg
            .title
            .clone()
            .or_else(|| arg.text.clone())
            .unwrap_or_default(),
        _ => String::new(),
    };
    let mut short: String = text.chars().take(60).collect();
    if short.len() < text.len() {
        short.push('…');
    }
    format!(" — {short}")
}

/// The grounded labelling, grouped, each verdict with its reason.
fn grounded_report(s: &Subject) -> String {
    let g = grounded(&s.af);
    let name = |a: u32| format!("`{}`", s.names[a as usize]);
    let mut groups: [(Label, &str, Vec<String>); 3] = [
        (Label::In, "Stands (in)", Vec::new()),
        (Label::Out, "Defeated (out)", Vec::new()),
        (Label::Undec, "Undecided", Vec::new()),
    ];
    for a in 0..s.af.len() as u32 {
        let through = s.map.as_ref().map(|(_, t)| &t.through);
        let reason = argumap::surface::grounded_reason(&s.af, &g, &s.names, through, a);
        let group = groups
            .iter_mut()
            .find(|(l, _, _)| *l == g.labels[a as usize])
            .expect("every label has a group");
        group
            .2
            .push(format!("  {}{}\n      {reason}", name(a), gist(s, a)));
    }
    let mut out =
        String::from("Grounded semantics: what stands whatever side is taken in open conflicts.\n");
    for (_, title, lines) in groups {
        let _ = writeln!(out, "\n{title}: {}", lines.len());
        for line in lines {
            let _ = writeln!(out, "{line}");
        }
    }
    out
}

/// For semantics with several extensions: how many, and each element's acceptance.
fn acceptance_report(
    s: &Subject,
    r: &Request,
    found: &argumap::analysis::semantics::Extensions,
) -> String {
    let sets = found.sets();
    let mut out = String::new();
    let kind = r.semantics.as_str();
    if sets.is_empty() {
        let _ = writeln!(
            out,
            "There is no {kind} extension: some odd cycle of attacks cannot be settled either way."
        );
        return out;
    }
    let _ = writeln!(
        out,
        "{} {kind} extension{}.",
        sets.len(),
        if sets.len() == 1 { "" } else { "s" }
    );
    if r.enumerate {
        for (i, set) in sets.iter().enumerate() {
            let names: Vec<&str> = set.iter().map(|&a| s.names[a as usize].as_str()).collect();
            let _ = writeln!(out, "  {}: {{{}}}", i + 1, names.join(", "));
        }
    }
    let n = s.af.len() as u32;
    let groups: [(&str, Vec<u32>); 3] = [
        (
            "Accepted in every extension (sceptically):",
            (0..n).filter(|&a| found.sceptical(a)).collect(),
        ),
        (
            "Accepted in some extensions only (credulously):",
            (0..n)
                .filter(|&a| found.credulous(a) && !found.sceptical(a))
                .collect(),
        ),
        (
            "In no extension:",
            (0..n).filter(|&a| !found.credulous(a)).collect(),
        ),
    ];
    for (title, members) in groups {
        let _ = writeln!(out, "\n{title}");
        if members.is_empty() {
            let _ = writeln!(out, "  nothing");
        }
        for a in members {
            let _ = writeln!(out, "  `{}`{}", s.names[a as usize], gist(s, a));
        }
    }
    out
}

fn json_answer(
    s: &Subject,
    r: &Request,
    found: &argumap::analysis::semantics::Extensions,
) -> String {
    argumap::surface::verdicts_json(&s.af, &s.names, r.semantics, found, r.enumerate)
}
