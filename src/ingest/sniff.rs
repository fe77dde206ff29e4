//! Guessing the delimiter from the first lines of a file.

use super::csv::records;

/// Delimiters tried, in order of preference when two fit equally well.
pub const CANDIDATES: [u8; 4] = [b',', b';', b'\t', b'|'];

/// How many records of the sample are looked at.
const SAMPLE_RECORDS: usize = 50;

/// The delimiter that splits the first records of `sample` into the most consistent
/// number of fields (more than one); `,` when none does.
pub fn delimiter(sample: &str) -> u8 {
    let mut best = (b',', 0usize, 0usize); // (delimiter, rows agreeing with the header, fields)
    for &d in &CANDIDATES {
        let counts = field_counts(sample, d);
        let Some(&header) = counts.first() else { continue };
        if header < 2 {
            continue;
        }
        let agreeing = counts.iter().filter(|&&c| c == header).count();
        // More agreeing rows wins; then more fields (a ';' file with decimal commas
        // splits consistently on ';', while ',' splits its rows unevenly).
        if (agreeing, header) > (best.1, best.2) {
            best = (d, agreeing, header);
        }
    }
    if best.2 < 2 {
        // No delimiter: perhaps columns aligned with spaces (a report saved as text).
        let counts = field_counts(sample, super::csv::ALIGNED);
        if let Some(&header) = counts.first() {
            if header >= 2 && counts.iter().filter(|&&c| c == header).count() * 10 >= counts.len() * 9 {
                return super::csv::ALIGNED;
            }
        }
    }
    best.0
}

/// Fields per non-blank record in the first records of `sample` (its last, possibly
/// cut, line included).
fn field_counts(sample: &str, delimiter: u8) -> Vec<usize> {
    records(sample, delimiter, true).filter(|r| !r.is_blank()).take(SAMPLE_RECORDS).map(|r| r.len()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_consistent_delimiter() {
        assert_eq!(delimiter("period,S,E,N\n2024-01,100,90,10\n"), b',');
        assert_eq!(delimiter("periode;begin;eind;nieuw\n2024-01;1.000;900;10\n"), b';');
        assert_eq!(delimiter("a\tb\n1,5\t2,5\n"), b'\t');
        assert_eq!(delimiter("a|b|c\n1|2|3\n"), b'|');
    }

    #[test]
    fn decimal_commas_do_not_fool_it() {
        let text = "klant;bedrag;datum\n1;12,50;01-02-2024\n2;3,00;02-02-2024\n3;1.234,56;03-02-2024\n";
        assert_eq!(delimiter(text), b';');
    }

    #[test]
    fn quoted_delimiters_are_ignored() {
        assert_eq!(delimiter("name,amount\n\"Smit; J.\",\"1,5\"\n\"de Vries; K.\",2\n"), b',');
    }

    #[test]
    fn columns_aligned_with_spaces() {
        let text = "Klant     Datum        Bedrag\nK001      05-03-2024    12,50\nK002      06-03-2024  1.234,56\n";
        assert_eq!(delimiter(text), b' ');
    }

    #[test]
    fn a_single_column_defaults_to_comma() {
        assert_eq!(delimiter("id\n1\n2\n"), b',');
        assert_eq!(delimiter(""), b',');
    }
}
