//! The bulletin's words: every sentence comes from the catalogue of the run's language through
//! [`Words`], which also joins lists and numbers points the way that language does.

use chrono::{Datelike, NaiveDate};

use crate::finding::Lang;
use crate::inventory::vocabulary;
use crate::load::Node;
use crate::wording::{Arg, Form, Key, Locale, keys};

/// A language's catalogue with the bulletin's ways of putting words together.
#[derive(Clone, Debug)]
pub struct Words {
    pub locale: Locale,
    /// Between items of a list but the last two: 、 / ", ".
    comma: String,
    /// Between the last two: 、 / " and ".
    and: String,
    /// Between clauses: ； / "; ".
    semicolon: String,
}

impl Words {
    pub fn new(locale: Locale) -> Words {
        let say = |key: &Key| locale.text(key, &[], Form::Yaml);
        Words {
            comma: say(&keys::BULLETIN_LIST_COMMA),
            and: say(&keys::BULLETIN_LIST_AND),
            semicolon: say(&keys::BULLETIN_SEPARATOR),
            locale,
        }
    }

    /// The language of the policies' own texts (their bulletin phrases and fixes).
    pub fn lang(&self) -> Lang {
        self.locale.lang()
    }

    /// The catalogue's message `key` with `args`.
    pub fn say(&self, key: &Key, args: &[(&str, Arg)]) -> String {
        self.locale.text(key, args, Form::Yaml)
    }

    /// `a、b、c` / `a, b and c`.
    pub fn list(&self, items: &[String]) -> String {
        match items {
            [] => String::new(),
            [one] => one.clone(),
            [init @ .., last] => format!("{}{}{last}", init.join(&self.comma), self.and),
        }
    }

    /// `a；b` / `a; b`.
    pub fn separated(&self, items: &[String]) -> String {
        items.join(&self.semicolon)
    }

    /// 一是a；二是b。 / (1) a; (2) b.
    pub fn numbered(&self, points: &[String]) -> String {
        let points: Vec<String> = points
            .iter()
            .enumerate()
            .map(|(i, text)| {
                self.say(
                    &keys::BULLETIN_POINT,
                    &[("number", (i + 1).into()), ("text", text.clone().into())],
                )
            })
            .collect();
        self.say(
            &keys::BULLETIN_SENTENCE,
            &[("text", self.separated(&points).into())],
        )
    }

    /// A coded value in words, or as the unit wrote it.
    pub fn code(&self, value: &str) -> String {
        vocabulary::word(value, self.lang())
            .map(str::to_owned)
            .unwrap_or_else(|| value.to_owned())
    }

    /// A list of coded values in words, `skip` left out.
    pub fn codes(&self, node: &Node, field: &str, skip: &[&str]) -> Vec<String> {
        super::items::read_field(node, field)
            .and_then(Node::as_seq)
            .unwrap_or_default()
            .iter()
            .filter_map(Node::as_str)
            .filter(|v| !skip.contains(v))
            .map(|v| self.code(v))
            .collect()
    }

    /// 2025年7月2日 / 2 July 2025.
    pub fn date(&self, date: NaiveDate) -> String {
        self.say(&keys::BULLETIN_DATE, &date_args(date))
    }

    /// 2025年6月5日（星期四） / Thursday 5 June 2025.
    pub fn date_with_weekday(&self, date: NaiveDate) -> String {
        let mut args = date_args(date);
        args.push(("weekday", date.weekday().number_from_monday().into()));
        self.say(&keys::BULLETIN_DATE_WEEKDAY, &args)
    }
}

/// A date's parts as a catalogue's arguments; the year as text, which no language groups.
fn date_args(date: NaiveDate) -> Vec<(&'static str, Arg)> {
    vec![
        ("year", date.year().to_string().into()),
        ("month", date.month().into()),
        ("day", date.day().into()),
    ]
}
