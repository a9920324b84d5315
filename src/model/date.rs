//! A date as the map file allows it: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. The model holds no
//! other, so a map built in code saves and loads again.

use std::fmt;

/// A year, a month of a year, or a day: `2019`, `2019-10`, `2019-10-04`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date(String);

/// A text that is not a date the map file allows.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")]
pub struct DateError(pub String);

impl Date {
    /// The date written in `text`.
    ///
    /// # Errors
    ///
    /// [`DateError`] unless `text` is `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with a month from
    /// 01 to 12 and a day from 01 to 31.
    pub fn new(text: &str) -> Result<Date, DateError> {
        if Date::is_valid(text) {
            Ok(Date(text.to_owned()))
        } else {
            Err(DateError(text.to_owned()))
        }
    }

    /// Whether `text` is a date the map file allows.
    pub fn is_valid(text: &str) -> bool {
        let b = text.as_bytes();
        let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
        let num = |r: std::ops::Range<usize>| {
            std::str::from_utf8(&b[r])
                .ok()
                .and_then(|s| s.parse::<u32>().ok())
        };
        match b.len() {
            4 => digits(0..4),
            7 => digits(0..4) && b[4] == b'-' && matches!(num(5..7), Some(1..=12)),
            10 => {
                digits(0..4)
                    && b[4] == b'-'
                    && b[7] == b'-'
                    && digits(5..7)
                    && digits(8..10)
                    && matches!(num(5..7), Some(1..=12))
                    && matches!(num(8..10), Some(1..=31))
            }
            _ => false,
        }
    }

    /// The date as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for Date {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::str::FromStr for Date {
    type Err = DateError;

    fn from_str(text: &str) -> Result<Date, DateError> {
        Date::new(text)
    }
}

impl PartialEq<str> for Date {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for Date {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_follow_the_rule() {
        for ok in ["2019", "2019-10", "2019-10-04", "2000-12-31"] {
            assert_eq!(Date::new(ok).unwrap().as_str(), ok);
        }
        for bad in [
            "19",
            "2019-13",
            "2019-10-4",
            "2019-10-32",
            "04/10/2019",
            "2019-1Ø",
            "",
        ] {
            assert_eq!(Date::new(bad), Err(DateError(bad.to_owned())));
        }
    }
}
