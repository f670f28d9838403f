//! Great-circle distance.

/// Mean Earth radius (IUGG), kilometres.
const EARTH_RADIUS_KM: f64 = 6371.0088;

/// Haversine distance in kilometres between two points given in decimal degrees.
pub fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (phi1, phi2) = (lat1.to_radians(), lat2.to_radians());
    let d_phi = (lat2 - lat1).to_radians();
    let d_lambda = (lon2 - lon1).to_radians();
    let a = (d_phi / 2.0).sin().powi(2) + phi1.cos() * phi2.cos() * (d_lambda / 2.0).sin().powi(2);
    // Clamp: rounding can push `a` a hair past 1 for antipodal points, and asin would return NaN.
    2.0 * EARTH_RADIUS_KM * a.clamp(0.0, 1.0).sqrt().asin()
}

/// True when both values are usable coordinates.
pub fn valid_point(lat: f64, lon: f64) -> bool {
    lat.is_finite() && lon.is_finite() && (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn damascus_to_beirut_is_about_85_km() {
        let d = haversine_km(33.5138, 36.2765, 33.8938, 35.5018);
        assert!((80.0..90.0).contains(&d), "{d}");
    }

    #[test]
    fn zero_quarter_and_half_circumference() {
        assert_eq!(haversine_km(10.0, 20.0, 10.0, 20.0), 0.0);
        let quarter = haversine_km(0.0, 0.0, 0.0, 90.0);
        assert!((quarter - std::f64::consts::PI * EARTH_RADIUS_KM / 2.0).abs() < 1e-6);
        let antipode = haversine_km(0.0, 0.0, 0.0, 180.0);
        assert!((antipode - std::f64::consts::PI * EARTH_RADIUS_KM).abs() < 1e-6);
    }

    #[test]
    fn rejects_out_of_range_points() {
        assert!(valid_point(33.5, 36.3));
        assert!(!valid_point(f64::NAN, 0.0));
        assert!(!valid_point(91.0, 0.0));
    }
}
