//! Panic isolation: a process-wide panic hook that stays quiet on worker
//! threads (remembering the message and location instead of printing), and
//! turning a caught panic into a failure message.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::panic;
use std::sync::Once;

thread_local! {
    /// Whether this thread runs tests (its panics are caught and reported).
    static QUIET: Cell<bool> = const { Cell::new(false) };
    /// The last panic on this thread, as the hook described it.
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Installs the hook once per process. Threads that have not called
/// [`quiet_this_thread`] keep the default behaviour.
pub fn install_hook() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let default = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if QUIET.with(Cell::get) {
                LAST_PANIC.with(|last| *last.borrow_mut() = Some(info.to_string()));
            } else {
                default(info);
            }
        }));
    });
}

/// Marks the current thread as a test worker: its panics are not printed.
pub fn quiet_this_thread() {
    QUIET.with(|quiet| quiet.set(true));
}

/// The message of a caught panic: what the hook recorded on this thread
/// (message and location), else the payload's text.
pub fn message(payload: &(dyn Any + Send)) -> String {
    if let Some(described) = LAST_PANIC.with(|last| last.borrow_mut().take()) {
        return described;
    }
    if let Some(text) = payload.downcast_ref::<&str>() {
        format!("panicked: {text}")
    } else if let Some(text) = payload.downcast_ref::<String>() {
        format!("panicked: {text}")
    } else {
        "panicked".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caught_panic_message() {
        install_hook();
        let handle = std::thread::spawn(|| {
            quiet_this_thread();
            let payload = panic::catch_unwind(|| panic!("boom {}", 7)).unwrap_err();
            message(payload.as_ref())
        });
        let text = handle.join().unwrap();
        assert!(text.contains("boom 7"), "{text}");
        assert!(text.contains("panics.rs"), "{text}");
    }
}
