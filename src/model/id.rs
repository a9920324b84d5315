//! Human-readable ids: the identity of every element in a map.
//!
//! An id is a slug such as `pause-encryption`. Ids are cheap to clone (shared string), so the
//! graph can hold them in every edge without copying text.

use std::borrow::Borrow;
use std::fmt;
use std::sync::Arc;

/// The rule every id follows, as a regular expression (used in the JSON Schema).
pub const ID_PATTERN: &str = "^[A-Za-z0-9][A-Za-z0-9_.-]*$";

/// Ids longer than this are refused: they are names, not text.
pub const MAX_ID_LEN: usize = 200;

/// The id of a source, actor, claim, argument or group.
///
/// Ids are ASCII letters, digits, `-`, `_` and `.`, start with a letter or digit, and are at
/// most [`MAX_ID_LEN`] bytes long. All elements of a map share one id namespace.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Id(Arc<str>);

/// Why a string is not a valid [`Id`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum IdError {
    /// The string is empty.
    #[error("an id cannot be empty")]
    Empty,
    /// The string is longer than [`MAX_ID_LEN`].
    #[error("an id can be at most {MAX_ID_LEN} characters long")]
    TooLong,
    /// The string holds a character ids may not contain.
    #[error("an id cannot contain {0:?}")]
    BadChar(char),
    /// The string starts with `-`, `_` or `.`.
    #[error("an id must start with a letter or digit")]
    BadStart,
}

impl Id {
    /// Makes an id from a string, checking the id rule.
    ///
    /// # Errors
    ///
    /// Returns an [`IdError`] when the string is empty, too long, starts with punctuation or
    /// holds a character other than ASCII letters, digits, `-`, `_` and `.`.
    pub fn new(s: &str) -> Result<Id, IdError> {
        Self::check(s)?;
        Ok(Id(Arc::from(s)))
    }

    /// Checks a string against the id rule without making an id.
    ///
    /// # Errors
    ///
    /// As [`Id::new`].
    pub fn check(s: &str) -> Result<(), IdError> {
        let first = s.chars().next().ok_or(IdError::Empty)?;
        if s.len() > MAX_ID_LEN {
            return Err(IdError::TooLong);
        }
        if let Some(bad) = s
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
        {
            return Err(IdError::BadChar(bad));
        }
        if !first.is_ascii_alphanumeric() {
            return Err(IdError::BadStart);
        }
        Ok(())
    }

    /// Turns any text into a valid id: lowercase ASCII words joined by `-`
    /// (`"Pause Encryption!"` becomes `pause-encryption`). Text with no usable character
    /// gives `x`.
    pub fn slugify(text: &str) -> Id {
        let mut out = String::new();
        let mut dash = false;
        for c in text.chars().map(fold_latin) {
            if c.is_ascii_alphanumeric() {
                if dash && !out.is_empty() {
                    out.push('-');
                }
                dash = false;
                out.push(c.to_ascii_lowercase());
                if out.len() >= 60 {
                    break;
                }
            } else {
                dash = true;
            }
        }
        if out.is_empty() {
            out.push('x');
        }
        Id(Arc::from(out.as_str()))
    }

    /// The id with `-n` at its end, cut short first where that would pass
    /// [`MAX_ID_LEN`]: for making a taken id unique (`claim`, `claim-2`, `claim-3`, ...).
    /// A slug of [`Id::slugify`] keeps room for the suffix too, so that numbering a long
    /// slug never gives back the same id.
    pub fn numbered(&self, n: usize) -> Id {
        let suffix = format!("-{n}");
        let room = if self.0.len() >= 60 && self.0.len() <= 60 + suffix.len() {
            60 - suffix.len()
        } else {
            MAX_ID_LEN - suffix.len()
        };
        let mut end = self.0.len().min(room);
        while !self.0.is_char_boundary(end) {
            end -= 1;
        }
        Id(Arc::from(format!("{}{suffix}", &self.0[..end]).as_str()))
    }

    /// The id as a string slice.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The plain letter under a Latin letter with an accent (`é` to `e`), so that slugs of
/// European names stay readable.
fn fold_latin(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ą' => 'a',
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' | 'Ą' => 'A',
        'ç' | 'ć' | 'č' => 'c',
        'Ç' | 'Ć' | 'Č' => 'C',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => 'e',
        'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ę' | 'Ě' => 'E',
        'ì' | 'í' | 'î' | 'ï' | 'ī' => 'i',
        'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' => 'I',
        'ñ' | 'ń' | 'ň' => 'n',
        'Ñ' | 'Ń' | 'Ň' => 'N',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => 'o',
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' => 'O',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' => 'u',
        'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' | 'Ů' => 'U',
        'ý' | 'ÿ' => 'y',
        'Ý' => 'Y',
        'ś' | 'š' => 's',
        'Ś' | 'Š' => 'S',
        'ź' | 'ż' | 'ž' => 'z',
        'Ź' | 'Ż' | 'Ž' => 'Z',
        'ł' => 'l',
        'Ł' => 'L',
        'ß' => 's',
        other => other,
    }
}

impl fmt::Debug for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::ops::Deref for Id {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Id {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Id {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl TryFrom<&str> for Id {
    type Error = IdError;
    fn try_from(s: &str) -> Result<Id, IdError> {
        Id::new(s)
    }
}

impl TryFrom<String> for Id {
    type Error = IdError;
    fn try_from(s: String) -> Result<Id, IdError> {
        Id::check(&s)?;
        Ok(Id(Arc::from(s)))
    }
}

impl PartialEq<str> for Id {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for Id {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_a_long_slug_or_id_gives_a_new_id() {
        let long = "a".repeat(300);
        let slug = Id::slugify(&long);
        assert_eq!(slug.as_str().len(), 60);
        let two = slug.numbered(2);
        assert_ne!(two, slug);
        assert!(two.as_str().ends_with("-2") && two.as_str().len() <= 60);
        assert_ne!(two.numbered(3), two);
        let id = Id::new(&"b".repeat(MAX_ID_LEN)).unwrap();
        let numbered = id.numbered(12);
        assert!(numbered.as_str().ends_with("-12"));
        assert!(Id::new(numbered.as_str()).is_ok());
        assert_eq!(Id::new("claim").unwrap().numbered(2).as_str(), "claim-2");
    }

    #[test]
    fn accepts_slugs_and_rejects_the_rest() {
        assert!(Id::new("pause-encryption").is_ok());
        assert!(Id::new("a1.b_c-D").is_ok());
        assert_eq!(Id::new(""), Err(IdError::Empty));
        assert_eq!(Id::new("-x"), Err(IdError::BadStart));
        assert_eq!(Id::new("a b"), Err(IdError::BadChar(' ')));
        assert_eq!(Id::new("é"), Err(IdError::BadChar('é')));
        assert_eq!(Id::new(&"a".repeat(201)), Err(IdError::TooLong));
    }

    #[test]
    fn slugify_makes_valid_ids() {
        assert_eq!(
            Id::slugify("Pause Encryption!").as_str(),
            "pause-encryption"
        );
        assert_eq!(Id::slugify("  ").as_str(), "x");
        assert_eq!(Id::slugify("Über 16.8 Mio").as_str(), "uber-16-8-mio");
        assert_eq!(Id::slugify("café").as_str(), "cafe");
        assert!(Id::check(Id::slugify(&"word ".repeat(100)).as_str()).is_ok());
    }
}
