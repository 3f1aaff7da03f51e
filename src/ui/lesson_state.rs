//! The lesson the learner is working through (issue 11 #9), kept in `UiState` so that it survives
//! every tab switch and tree click: which lesson is selected, whether it is open (the lesson panel
//! above the work area), the hints shown, the last Check and its findings, and progress. Pure: the
//! app shell loads and saves `progress` (localStorage, `tutorials::PROGRESS_STORAGE_KEY`).

use crate::engine::Simulation;
use crate::tutorials::{self, CheckResult, Lesson, Progress};

/// What the lesson panel and the Learn tab dispatch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LessonAction {
    /// Show this lesson in the Learn tab (it does not open until Start lesson).
    Select(usize),
    /// Check the goal on the engine's state now.
    Check,
    Hint,
    ShowSolution,
    /// Forget every completed lesson (the document and the clock are not touched).
    ResetProgress,
    /// Close the lesson panel (progress is kept).
    Close,
}

/// The lesson state of the page.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LessonState {
    /// Index into `tutorials::lessons()`.
    pub current: usize,
    /// The lesson panel is open (Start lesson was pressed; Close closes it).
    pub open: bool,
    pub hints_shown: usize,
    pub show_solution: bool,
    pub result: Option<CheckResult>,
    pub progress: Progress,
}

impl LessonState {
    /// Starts from saved progress, on the lesson the learner was on.
    pub fn from_progress(progress: Progress) -> LessonState {
        let current =
            progress.current().and_then(|id| tutorials::lessons().iter().position(|l| l.id == id)).unwrap_or(0);
        let open = progress.is_open();
        LessonState { current, open, progress, ..LessonState::default() }
    }

    /// The selected lesson.
    pub fn lesson(&self) -> Option<Lesson> {
        let lessons = tutorials::lessons();
        let i = self.current.min(lessons.len().saturating_sub(1));
        lessons.into_iter().nth(i)
    }

    /// The index of the lesson after the current one, if any.
    pub fn next_index(&self) -> Option<usize> {
        let n = tutorials::lessons().len();
        (self.current + 1 < n).then_some(self.current + 1)
    }

    fn fresh_attempt(&mut self) {
        self.hints_shown = 0;
        self.show_solution = false;
        self.result = None;
    }

    /// Selects lesson `index` (remembered as the current one).
    pub fn select(&mut self, index: usize) {
        let Some(lesson) = tutorials::lessons().into_iter().nth(index) else { return };
        if index != self.current {
            self.open = false;
            self.progress.set_open(false);
        }
        self.current = index;
        self.fresh_attempt();
        self.progress.set_current(lesson.id);
    }

    /// The lesson's preset was loaded: the panel opens on a fresh attempt.
    pub fn started(&mut self, index: usize) {
        self.select(index);
        self.open = true;
        self.progress.set_open(true);
    }

    /// Applies one action; `Check` evaluates on `sim`.
    pub fn apply(&mut self, action: LessonAction, sim: &Simulation) {
        let Some(lesson) = self.lesson() else { return };
        match action {
            LessonAction::Select(i) => self.select(i),
            LessonAction::Check => {
                let result = tutorials::evaluate(&lesson.check, sim);
                if result.passed {
                    self.progress.complete(lesson.id);
                }
                self.result = Some(result);
            }
            LessonAction::Hint => self.hints_shown = (self.hints_shown + 1).min(lesson.hint_keys.len()),
            LessonAction::ShowSolution => self.show_solution = true,
            LessonAction::ResetProgress => {
                self.progress.clear_completed();
                self.result = None;
            }
            LessonAction::Close => {
                self.open = false;
                self.progress.set_open(false);
            }
        }
    }
}
