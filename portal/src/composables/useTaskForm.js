import { ref, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { completeTask, getTask } from '../api/workflow.js'
import { useForm } from './useForm.js'

/**
 * A form that completes a workflow task (a chase, inspection findings, a rectification step, the
 * publication, a talk, the leaders' approval): the task it is open for (named in the address as
 * ?task=, so the inbox's 办理 and a reload open it again), its check before sending, the POST of
 * …/tasks/{id}/complete, and the API's refusal placed at the form's fields.
 *
 * @param fields  where the form shows faults (a place covers what is inside it: 'measures')
 * @param body    () → the form's body as the API takes it
 * @param check   (body) → the form's own faults {field: {key, args}}, as the API would find them
 * @param before  optional, awaited before sending (e.g. a draft being saved)
 * @param done    (body, task) → what follows a completed task (a message, the list again …)
 * @param place   optional (error, body) → {place: message}, for locations the form shows elsewhere
 */
export function useTaskForm({ fields, body, check, before, done, place }) {
  const route = useRoute()
  const router = useRouter()
  const open = ref(null)
  // The task the form was sent for: done() is told it even if the form closed meanwhile.
  let sending = null
  const { submit, busy: submitting, faults } = useForm({
    fields,
    body,
    check,
    place,
    send: async (sent) => {
      sending = open.value
      if (before) await before()
      await completeTask(sending.id, sent)
    },
    done: (answer, sent) => done(sent, sending),
  })

  // The task the address names ('' none); kept here as the form opens and closes, since the address
  // follows only once the router has replaced it.
  let named = typeof route.query.task === 'string' ? route.query.task : ''
  const wanted = () => named

  /** Shows the form of {@code task}, without faults, and names it in the address. */
  function show(task) {
    open.value = task
    faults.clear()
    if (!task) return
    named = task.id
    if (route.query.task !== task.id) router.replace({ query: { ...route.query, task: task.id } })
  }

  /** Hides the form; the address no longer names the task. */
  function close() {
    open.value = null
    named = ''
    if (route.query.task !== undefined) {
      const { task, ...rest } = route.query
      router.replace({ query: rest })
    }
  }

  /**
   * Of the person's {@code tasks}, the one the address names; one they are not offered makes the API
   * say why (it is thrown); else the first when {@code first}.
   */
  async function choose(tasks, { first = true } = {}) {
    const id = wanted()
    const named = tasks.find((x) => x.id === id)
    if (id && !named) await getTask(id)
    return named || (first ? tasks[0] || null : null)
  }

  /** Follows the address: another task named opens with {@code openById}, none closes the form. */
  function followAddress(openById, closed = () => {}) {
    watch(() => route.query.task, (id) => {
      named = typeof id === 'string' ? id : ''
      if (typeof id === 'string' && id && (!open.value || open.value.id !== id)) openById(id)
      else if (!id && open.value) {
        open.value = null
        closed()
      }
    })
  }

  // submit(): checks the form, completes the open task with it, or places the API's refusal.
  return { open, show, close, choose, wanted, followAddress, submit, submitting, faults }
}
