//! Mapping over many items on a few threads (as many as the machine has
//! cores, at most four), keeping their order. For the work that grows with
//! a reader's library: reading and parsing thousands of files, analysing
//! thousands of chapters. Small inputs stay on the calling thread.

/// Below this many items the work stays on one thread.
const MIN_PER_THREAD: usize = 64;

fn threads(items: usize) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    cores.clamp(1, 4).min(items.div_ceil(MIN_PER_THREAD)).max(1)
}

/// `f` applied to every item, in order.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = threads(items.len());
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let f = &f;
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(f).collect::<Vec<R>>()))
            .collect();
        join_all(handles)
    })
}

/// `f` applied to every item, taken by value, in order.
pub fn map_owned<T: Send, R: Send>(items: Vec<T>, f: impl Fn(T) -> R + Sync) -> Vec<R> {
    let threads = threads(items.len());
    if threads <= 1 {
        return items.into_iter().map(f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    let mut parts: Vec<Vec<T>> = Vec::with_capacity(threads);
    let mut items = items.into_iter();
    loop {
        let part: Vec<T> = items.by_ref().take(chunk).collect();
        if part.is_empty() {
            break;
        }
        parts.push(part);
    }
    std::thread::scope(|scope| {
        let f = &f;
        let handles: Vec<_> = parts
            .into_iter()
            .map(|part| scope.spawn(move || part.into_iter().map(f).collect::<Vec<R>>()))
            .collect();
        join_all(handles)
    })
}

/// The threads' results in order. A thread that panicked passes its
/// panic on (it is a bug, and the release build aborts on it anyway).
fn join_all<R>(handles: Vec<std::thread::ScopedJoinHandle<'_, Vec<R>>>) -> Vec<R> {
    let mut out = Vec::new();
    for handle in handles {
        match handle.join() {
            Ok(part) => out.extend(part),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn order_is_kept_at_any_size() {
        for n in [0, 1, 63, 64, 65, 1000] {
            let items: Vec<usize> = (0..n).collect();
            assert_eq!(
                super::map(&items, |i| i * 2),
                items.iter().map(|i| i * 2).collect::<Vec<_>>()
            );
            assert_eq!(
                super::map_owned(items.clone(), |i| i + 1),
                items.iter().map(|i| i + 1).collect::<Vec<_>>()
            );
        }
    }
}
