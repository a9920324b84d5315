//! Exporters: functions from a [`Map`](crate::model::Map) to another format.

pub mod dot;
