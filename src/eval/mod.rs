//! The evaluator: a session of variables, builtins, and statements run into
//! events. It never prints.
