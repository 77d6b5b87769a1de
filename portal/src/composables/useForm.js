import { ref } from 'vue'
import { useFaults } from './faults.js'

/**
 * A form's submission: its own check first (the faults shown at their fields, nothing sent), then
 * {@code send}, {@code busy} meanwhile; the API's refusal placed at the fields (or where
 * {@code place} puts it), the rest listed above the form by <ProblemAlert>.
 *
 * @param fields  where the form shows faults (a place covers what is inside it), or a function answering them
 * @param body    () → what is sent
 * @param check   (body) → the form's own faults {field: {key, args}}, as the API would find them
 * @param send    (body) → the API's answer
 * @param done    (answer, body) → what follows (a message, the list again …)
 * @param place   optional (error, body) → {place: message}
 */
export function useForm({ fields = [], body = () => undefined, check = () => ({}), send, done = () => {}, place }) {
  const faults = useFaults(fields)
  const busy = ref(false)

  /** Checks and sends the form; true once it went through. */
  async function submit() {
    const sent = body()
    if (!faults.check(check(sent))) return false
    busy.value = true
    try {
      const answer = await send(sent)
      await done(answer, sent)
      return true
    } catch (e) {
      faults.refuse(e, place ? (error) => place(error, sent) : undefined)
      return false
    } finally {
      busy.value = false
    }
  }

  return { submit, busy, faults }
}
