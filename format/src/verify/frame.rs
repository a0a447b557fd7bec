//! Checks of the file frame: header flags, padding, dependency pins.

use super::*;

/// The header's flags are the OR of the packages' stripped bits (SPEC.md §3.1).
pub(super) fn check_header_flags(image: &Image<'_>, problems: &mut Vec<Problem>) {
    let stored = crate::read::frame::header_flags(image.bytes);
    let packages = image
        .packages
        .iter()
        .filter_map(|v| v.meta().ok())
        .fold(0, |bits, m| bits | m.meta.stripped.to_native());
    if stored != packages {
        problems.push(Problem {
            section: "header".into(),
            offset: 12,
            message: format!(
                "flags {stored:#x} differ from the stripped bits of the packages ({packages:#x})"
            ),
        });
    }
}

pub(super) fn check_padding(image: &Image<'_>, problems: &mut Vec<Problem>) {
    for entry in &image.sections {
        let end = entry.offset + entry.len;
        let pad = &image.bytes[end as usize..align_up(end) as usize];
        if let Some(i) = pad.iter().position(|&b| b != 0) {
            problems.push(Problem {
                section: section_name(entry),
                offset: end + i as u64,
                message: "padding after the section is not zero".into(),
            });
        }
    }
    for view in &image.packages {
        // Padding between the part table and parts, and between parts.
        let mut at = 8 + 16 * crate::spec::parts::PART_COUNT;
        for i in 0..crate::spec::parts::PART_COUNT {
            let (part, start) = view.part_bytes(i);
            if let Some(j) = view.bytes[at..start].iter().position(|&b| b != 0) {
                problems.push(Problem {
                    section: view.section_name(),
                    offset: view.file_offset + (at + j) as u64,
                    message: "padding between parts is not zero".into(),
                });
            }
            at = start + part.len();
        }
    }
}

pub(super) fn check_pins(image: &Image<'_>, problems: &mut Vec<Problem>) {
    let present: HashMap<Uuid, BuildId> = image
        .packages
        .iter()
        .map(|p| (p.uuid, p.build_id))
        .collect();
    problems.extend(pin_problems(image, &present));
}

/// Pinned dependency build ids that differ from the present package's.
pub fn pin_problems(image: &Image<'_>, present: &HashMap<Uuid, BuildId>) -> Vec<Problem> {
    let mut out = Vec::new();
    for view in &image.packages {
        let Ok(meta) = view.meta() else { continue };
        for dep in meta.meta.deps.iter() {
            let uuid = Uuid::from_bytes(dep.uuid);
            if dep.has_build_id.to_native() == 0 {
                continue;
            }
            if let Some(b) = present.get(&uuid) {
                if b.0 != dep.build_id {
                    out.push(Problem {
                        section: view.section_name(),
                        offset: view.file_offset,
                        message: format!(
                            "stale: compiled against {} build {}, but the present one is build {}",
                            meta.strings.get(&dep.name).unwrap_or("?"),
                            hex::encode(dep.build_id),
                            b
                        ),
                    });
                }
            }
        }
    }
    out
}
