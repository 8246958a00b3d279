use super::*;

#[test]
fn hex_escapes_decode_to_utf8() {
    assert_eq!(decode_hex_escapes("a_5Eb_C3_A4_7e", b'_'), "a^bä~");
    assert_eq!(decode_hex_escapes("x#41_41", b'#'), "xA_41");
    // Incomplete or non-hex escapes stay as they are, including a sign `from_str_radix` takes.
    assert_eq!(decode_hex_escapes("_+1_G0_4", b'_'), "_+1_G0_4");
}

#[test]
fn hex_escape_character_defaults_to_underscore() {
    assert_eq!(hex_escape_char(""), b'_');
    assert_eq!(hex_escape_char("\r\n"), b'_');
    assert_eq!(hex_escape_char("#"), b'#');
}

#[test]
fn coordinates_are_clamped() {
    let p = ["-5", "99999", "x", "12"];
    assert_eq!(coord(&p, 0), Some(0));
    assert_eq!(coord(&p, 1), Some(MAX_DOTS));
    assert_eq!(coord(&p, 2), None);
    assert_eq!(coord(&p, 3), Some(12));
    assert_eq!(coord(&p, 4), None);
}

#[test]
fn font_faces_follow_aliases_and_file_types() {
    let mut r = Renderer::new();
    r.run("^XA^CWZ,E:TT0003M_.TTF^CWQ,R:MONO.FNT^XZ");
    assert_eq!(r.face('Z'), Face::Sans);
    assert_eq!(r.face('z'), Face::Sans);
    assert_eq!(r.face('Q'), Face::Mono);
    assert_eq!(r.face('0'), Face::Sans);
    assert_eq!(r.face('A'), Face::Mono);
}

#[test]
fn element_budget_stops_output_with_one_note() {
    let mut r = Renderer::new();
    r.elements = MAX_ELEMENTS - 1;
    assert!(r.budget(1));
    assert!(!r.budget(1));
    assert!(!r.budget(5));
    assert_eq!(r.skipped.len(), 1);
}
