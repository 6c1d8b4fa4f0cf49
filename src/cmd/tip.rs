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
    let all = library.tips()?;
    if all.is_empty() {
        return Err(Failure::not_found("the library has no tips").into());
    }
    let (tip, date) = match (&args.date, args.daily) {
        (Some(date), _) => {
            let day = parse_date(date)?;
            (
                &all[tips::daily_index(days_since_epoch(day), all.len())],
                Some(day.to_string()),
            )
        }
        (None, true) => {
            let today = jiff::ZonedDateTime::now().date();
            (
                &all[tips::daily_index(days_since_epoch(today), all.len())],
                Some(today.to_string()),
            )
        }
        (None, false) => (&all[random_index(all.len())], None),
    };
    if args.json {
        out.json(&TipJson::new(tip, date))?;
    } else {
        out.print(&render::tip(tip, out.style, out.width))?;
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
