import { StatusPanel } from './StatusPanel';

const FEATURES = [
  {
    title: 'Secure threads between focal points',
    text: 'Exchange messages and documents on a case with your counterparts in other States.',
  },
  {
    title: 'Helpdesk for blocked requests',
    text: 'Flag an extradition, mutual legal assistance or confiscation request that is stuck and get help to move it forward.',
  },
  {
    title: 'Meetings',
    text: 'Plan and hold meetings of the network and bilateral case consultations.',
  },
  {
    title: 'Directory of competent authorities',
    text: 'Find the competent authority and the focal point to contact in each State.',
  },
] as const;

export function App() {
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>

      <header className="site-header">
        <div className="container">
          <h1 className="site-title">
            <span className="site-title__mark" aria-hidden="true">
              L
            </span>
            Liaison
          </h1>
          <p className="site-tagline">
            Secure network for the focal points of central authorities handling extradition,
            mutual legal assistance and confiscation requests between States.
          </p>
        </div>
      </header>

      <main id="main" className="container layout" tabIndex={-1}>
        <section className="panel intro" aria-labelledby="intro-heading">
          <p className="notice">Under construction</p>
          <h2 id="intro-heading">What is coming</h2>
          <p>
            Liaison will give the focal points of regional judicial cooperation networks a single,
            secure place to work together on requests for international cooperation in criminal
            matters.
          </p>
          <ul className="features">
            {FEATURES.map((feature) => (
              <li key={feature.title} className="feature">
                <h3 className="feature__title">{feature.title}</h3>
                <p className="feature__text">{feature.text}</p>
              </li>
            ))}
          </ul>
        </section>

        <StatusPanel />
      </main>

      <footer className="site-footer">
        <div className="container">
          <p>Regional judicial cooperation networks:</p>
          <ul className="networks">
            <li>Indian Ocean Commission judicial platform</li>
            <li>Sahel judicial platform</li>
          </ul>
        </div>
      </footer>
    </>
  );
}
