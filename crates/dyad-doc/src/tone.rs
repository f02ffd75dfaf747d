//! Tone: counts of positive and negative words, scored like GDELT.

/// Positive and negative word counts of a stretch of text, for a tone score.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tone {
    /// Words found in the positive list.
    pub positive: u32,
    /// Words found in the negative list.
    pub negative: u32,
    /// Words counted (word tokens).
    pub words: u32,
}

impl Tone {
    /// GDELT-style tone: `(positive - negative) / words * 100`, 0 without words.
    /// Ranges from -100 (every word negative) to +100; news text mostly lies
    /// between -10 and +10.
    pub fn score(&self) -> f64 {
        if self.words == 0 {
            0.0
        } else {
            (self.positive as f64 - self.negative as f64) / self.words as f64 * 100.0
        }
    }

    /// Percentage of words that are positive.
    pub fn positive_pct(&self) -> f64 {
        pct(self.positive, self.words)
    }

    /// Percentage of words that are negative.
    pub fn negative_pct(&self) -> f64 {
        pct(self.negative, self.words)
    }

    /// Sum of two counts (a document from its sentences).
    pub fn add(&self, other: &Tone) -> Tone {
        Tone {
            positive: self.positive + other.positive,
            negative: self.negative + other.negative,
            words: self.words + other.words,
        }
    }
}

fn pct(n: u32, of: u32) -> f64 {
    if of == 0 {
        0.0
    } else {
        n as f64 / of as f64 * 100.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tone_score_is_gdelt_style() {
        let t = Tone {
            positive: 3,
            negative: 5,
            words: 100,
        };
        assert!((t.score() + 2.0).abs() < 1e-9);
        assert!((t.positive_pct() - 3.0).abs() < 1e-9);
        assert_eq!(Tone::default().score(), 0.0);
        assert_eq!(t.add(&t).words, 200);
    }
}
