//! `advice tip`: one piece of the guide's dangerous advice, at random or the
//! same one all day (`--daily`, seeded by the local date).

use crate::cli::TipArgs;
use crate::error::Failure;
use crate::library::Library;
use crate::output::view::TipJson;
use crate::output::{Output, render};
use crate::tips;
use anyhow::Result;
use std::process::ExitCode;

pub fn execute(args: &TipArgs, library: &Library, out: &mut Output) -> Result<ExitCode> {
    let day = match (&args.date, args.daily) {
        (Some(date), _) => Some(parse_date(date)?),
        (None, true) => Some(jiff::ZonedDateTime::now().date()),
        (None, false) => None,
    };
    let pick = |count| match day {
        Some(day) => tips::daily_index(days_since_epoch(day), count),
        None => random_index(count),
    };
    let Some(tip) = library.tip(pick)? else {
        return Err(Failure::not_found("the library has no tips").into());
    };
    let date = day.map(|day| day.to_string());
    if args.json {
        out.json(&TipJson::new(&tip, date))?;
    } else {
        out.print(&render::tip(&tip, out.style, out.width))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn parse_date(text: &str) -> Result<jiff::civil::Date> {
    text.trim().parse::<jiff::civil::Date>().map_err(|_| {
        Failure::usage(format!(
            "'{}' is not a date",
            crate::sanitize::visible(text)
        ))
        .hint("Write it as YYYY-MM-DD, e.g. `advice tip --date 2026-01-31`.")
        .into()
    })
}

fn days_since_epoch(date: jiff::civil::Date) -> i64 {
    let epoch = jiff::civil::date(1970, 1, 1);
    date.since((jiff::Unit::Day, epoch))
        .map_or(0, |span| i64::from(span.get_days()))
}

/// A different tip each run: the clock's nanoseconds and the process id, mixed.
fn random_index(count: usize) -> usize {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    (tips::mix(nanos ^ u64::from(std::process::id()).rotate_left(32)) % count as u64) as usize
}
